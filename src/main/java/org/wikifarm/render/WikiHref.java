package org.wikifarm.render;

import org.wikifarm.page.PagePath;
import org.wikifarm.page.PercentEncoding;

/**
 * The href of a wiki link: {@code <base><page path, percent-encoded, slashes kept>[#anchor]}. Cached HTML uses
 * {@link #PLACEHOLDER} as the base because the same HTML serves every wiki with that content.
 */
final class WikiHref {
    static final String PLACEHOLDER = "/__wiki__/";

    private WikiHref() {
    }

    /** The placeholder href; the anchor is given as the heading's text or id, as {@link org.wikifarm.markdown.Markdown#slug} makes ids. */
    static String placeholder(PagePath page, String anchor) {
        String slug = org.wikifarm.markdown.Markdown.slug(anchor);
        return PLACEHOLDER + encodePath(page) + (slug.isEmpty() ? "" : "#" + PercentEncoding.encode(slug, false));
    }

    /** Every byte outside RFC 3986 "unreserved" is escaped, so the result is safe in a URL and an HTML attribute. */
    static String encodePath(PagePath page) {
        return PercentEncoding.encode(page.value(), true);
    }

    /** The page an encoded path names, or null if it is malformed or not a valid page path. */
    static PagePath decodePath(String encoded) {
        return PercentEncoding.decodePath(encoded, false).orElse(null);
    }

    /** True if a fragment is in the form {@link #placeholder} writes, so it can be copied into an href as is. */
    static boolean isEncodedFragment(String fragment) {
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (!PercentEncoding.isUnreserved(c) && c != '%') {
                return false;
            }
        }
        return !fragment.isEmpty();
    }
}
