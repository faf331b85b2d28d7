package org.wikifarm.search;

import java.util.Locale;
import org.wikifarm.error.WikifarmException;

/** How to search: BM25 full text, vectors, or both fused by score ({@link Fusion}, the default). */
public enum SearchMode {
    TEXT, SEMANTIC, HYBRID;

    public static SearchMode of(String value) {
        if (value == null || value.isBlank()) {
            return HYBRID;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WikifarmException.InvalidInput("invalid_mode", "mode must be text, semantic or hybrid.");
        }
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
