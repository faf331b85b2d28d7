package org.wikifarm.page;

import java.util.Locale;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.markdown.FrontMatter;

/**
 * Which pages a list keeps by their front matter: a category and a tag, each ignoring case, null for any. Both given:
 * a page must match both.
 */
public record PageFilter(String category, String tag) {
    public static final PageFilter NONE = new PageFilter(null, null);
    /** As long as a front matter value may be: anything longer matches nothing and is refused. */
    public static final int MAX_LENGTH = 200;

    public PageFilter {
        category = blankToNull(category);
        tag = blankToNull(tag);
        check("category", category);
        check("tag", tag);
    }

    public boolean any() {
        return category == null && tag == null;
    }

    public boolean matches(FrontMatter meta) {
        if (category != null && !meta.category().toLowerCase(Locale.ROOT).equals(category.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return tag == null || meta.tags().stream().anyMatch(t -> t.equalsIgnoreCase(tag));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void check(String name, String value) {
        if (value != null && value.length() > MAX_LENGTH) {
            throw new WikifarmException.InvalidInput("invalid_" + name, "A " + name + " is at most " + MAX_LENGTH
                    + " characters long.");
        }
    }
}
