package org.wikifarm.markdown;

import java.util.Locale;

/**
 * Which half of a wiki link with a label names the page: {@code [[Page|Label]]} (the product's own form, the default)
 * or {@code [[Label|Page]]} (An Otter Wiki's form, so its content reads unchanged). A per-wiki choice; a link without a
 * label ({@code [[Page]]}) reads the same either way.
 */
public enum WikiLinkOrder {
    /** {@code [[Page|Label]]}. */
    PAGE_FIRST,
    /** {@code [[Label|Page]]}, as An Otter Wiki writes it. */
    LABEL_FIRST;

    /** The wiki's setting when it has none. */
    public static final WikiLinkOrder DEFAULT = PAGE_FIRST;

    /** As the API and the settings screen spell it: {@code page_first}, {@code label_first}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order spelled {@code page_first} or {@code label_first}, or null for anything else. */
    public static WikiLinkOrder parse(String wireName) {
        if (wireName == null) {
            return null;
        }
        for (WikiLinkOrder order : values()) {
            if (order.wireName().equals(wireName)) {
                return order;
            }
        }
        return null;
    }
}
