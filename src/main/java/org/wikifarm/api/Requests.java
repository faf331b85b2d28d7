package org.wikifarm.api;

import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.tenant.CurrentTenant;
import org.wikifarm.tenant.Tenant;

/** Small checks shared by the resources. */
final class Requests {
    private Requests() {
    }

    static <T> T body(T body) {
        if (body == null) {
            throw new InvalidInput("missing_body", "A JSON body is required.");
        }
        return body;
    }

    static String required(String value, String field) {
        if (value == null) {
            throw new InvalidInput("missing_field", "Field '" + field + "' is required.");
        }
        return value;
    }

    static Tenant tenant() {
        return CurrentTenant.get()
                .orElseThrow(() -> new WikifarmException.NotFound("wiki_not_found", "There is no such wiki."));
    }

    static int limit(String value, int fallback) {
        return whole(value, fallback, "limit");
    }

    /** A whole-number query parameter, {@code fallback} when absent; else 400 {@code invalid_<name>}. */
    static int whole(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("invalid_" + name, name + " must be a whole number.");
        }
    }
}
