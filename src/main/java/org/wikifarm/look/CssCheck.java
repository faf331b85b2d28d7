package org.wikifarm.look;

import java.util.Locale;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.limit.Text;

/**
 * What a wiki's extra CSS may not hold, checked in one linear pass: nothing that loads from another site or from an
 * address at all ({@code @import}, {@code url(…)} other than {@code data:image/…} and addresses of this site),
 * nothing that once ran code in a browser ({@code expression(}, {@code behavior}, {@code -moz-binding},
 * {@code javascript:}), no backslash escapes (which could spell any of these), no {@code <} (it is never part of CSS
 * and would matter if the text were ever inlined), no control characters; at most {@value #MAX_BYTES} bytes. The
 * page's Content-Security-Policy also refuses anything from elsewhere; this makes the refusal visible when saving,
 * with the reason, instead of a style that silently does nothing.
 */
public final class CssCheck {
    /** The most bytes of extra CSS. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_URL_CHARS = 2000;
    private static final String[] FORBIDDEN = {"@import", "expression(", "behavior", "-moz-binding", "javascript:",
            "vbscript:", "@namespace"};

    private CssCheck() {
    }

    /** The CSS as given, if it may be used; otherwise a 400 saying what is wrong and where. */
    public static String check(String css) {
        if (css == null) {
            return "";
        }
        if (css.length() > MAX_BYTES || css.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInput("invalid_css", "Extra CSS may have at most " + MAX_BYTES / 1024 + " KB.");
        }
        int control = Text.controlAt(css, true);
        if (control >= 0) {
            throw refused("a control character", css, control);
        }
        String lower = css.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '\\') {
                throw refused("a backslash escape", css, i);
            }
            if (c == '<') {
                throw refused("'<'", css, i);
            }
            for (String word : FORBIDDEN) {
                if (lower.startsWith(word, i)) {
                    throw refused("'" + word + "'", css, i);
                }
            }
            if (lower.startsWith("url(", i)) {
                checkUrl(lower, i + 4, css, i);
            }
        }
        return css;
    }

    /** {@code url(} at {@code at}: its address must be {@code data:image/…} or an address of this site. */
    private static void checkUrl(String lower, int from, String css, int at) {
        int i = from;
        while (i < lower.length() && (lower.charAt(i) == ' ' || lower.charAt(i) == '"' || lower.charAt(i) == '\'')) {
            i++;
        }
        boolean local = lower.startsWith("data:image/", i)
                || (lower.startsWith("/", i) && !lower.startsWith("//", i))
                || (i < lower.length() && lower.charAt(i) != ')' && isPlainPathStart(lower.charAt(i))
                && schemeless(lower, i));
        if (!local) {
            throw refused("a url() that is not an image in the CSS or an address of this site", css, at);
        }
    }

    private static boolean isPlainPathStart(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }

    /**
     * Whether the address from {@code i} has no scheme: no ':' before its first '/', '?', '#' or ')'. Looks at most
     * {@value #MAX_URL_CHARS} characters (an address longer than that is refused), so the whole check stays linear.
     */
    private static boolean schemeless(String lower, int i) {
        for (int j = i; j < Math.min(lower.length(), i + MAX_URL_CHARS); j++) {
            char c = lower.charAt(j);
            if (c == ':') {
                return false;
            }
            if (c == '/' || c == '?' || c == '#' || c == ')' || c == '"' || c == '\'') {
                return true;
            }
        }
        return lower.length() - i < MAX_URL_CHARS;
    }

    private static InvalidInput refused(String what, String css, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (css.charAt(i) == '\n') {
                line++;
            }
        }
        return new InvalidInput("invalid_css", "The extra CSS may not hold " + what + " (line " + line + ").");
    }
}
