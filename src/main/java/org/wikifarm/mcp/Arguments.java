package org.wikifarm.mcp;

import java.util.Map;
import org.wikifarm.page.PagePath;

/**
 * A tool call's arguments, already checked against the tool's input schema (types, required names, bounds, no
 * unknown names), so reading them only fills in defaults. Rules the schema cannot say — a valid page path, a real
 * date — are checked by the value types, whose {@code InvalidInput} becomes a protocol error.
 */
record Arguments(Map<String, Object> values) {
    Arguments {
        values = values == null ? Map.of() : values;
    }

    String string(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    /** A string that is absent or blank counts as not given. */
    String optional(String name) {
        String value = string(name);
        return value == null || value.isBlank() ? null : value;
    }

    int integer(String name, int fallback) {
        Object value = values.get(name);
        return value instanceof Number number ? number.intValue() : fallback;
    }

    /** A boolean that is absent counts as false. */
    boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    PagePath path(String name) {
        return new PagePath(string(name));
    }
}
