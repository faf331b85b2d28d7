package org.wikifarm.web;

import org.wikifarm.render.HtmlText;

/**
 * What every {@code ${…}} written into a JSP's template text goes through ({@link EscapingElInterpreter} compiles
 * it in): values are escaped for HTML text and quoted attributes, and only {@link SafeHtml} is written as markup.
 */
public final class Html {
    private static final String MARK_OPEN = "<mark>";
    /**
     * The ellipsis that snippets and cut passages carry, written as {@code &hellip;}: a response's first non-ASCII
     * character sends the rest of its buffer through the JDK's slow UTF-8 loop (see the layout), and these were the
     * only ones on a screen of hits from ASCII pages.
     */
    private static final char ELLIPSIS = '\u2026';
    private static final String ELLIPSIS_REFERENCE = "&hellip;";
    private static final String MARK_CLOSE = "</mark>";

    private Html() {
    }

    /** A value as HTML: escaped unless it is {@link SafeHtml}; null is empty. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof SafeHtml safe) {
            return safe.html();
        }
        return HtmlText.escape(value.toString());
    }

    /**
     * A search snippet: text the highlighter escaped, with {@code <mark>} around the matches. Anything else that
     * looks like markup is escaped again, so a snippet can never carry more than marks, whatever made it.
     */
    public static SafeHtml highlighted(String snippet) {
        if (snippet == null) {
            return SafeHtml.trusted("");
        }
        StringBuilder out = new StringBuilder(snippet.length() + 16);
        int i = 0;
        while (i < snippet.length()) {
            char c = snippet.charAt(i);
            if (c == '<' && snippet.startsWith(MARK_OPEN, i)) {
                out.append(MARK_OPEN);
                i += MARK_OPEN.length();
            } else if (c == '<' && snippet.startsWith(MARK_CLOSE, i)) {
                out.append(MARK_CLOSE);
                i += MARK_CLOSE.length();
            } else if (c == '&') {
                int end = entityEnd(snippet, i);
                out.append(end > 0 ? snippet.substring(i, end) : "&amp;");
                i = end > 0 ? end : i + 1;
            } else if (c == ELLIPSIS) {
                out.append(ELLIPSIS_REFERENCE); // the highlighter's, between passages
                i++;
            } else {
                HtmlText.append(out, c);
                i++;
            }
        }
        return SafeHtml.trusted(out.toString());
    }

    /** The end of a character reference such as {@code &amp;} or {@code &#39;} starting at {@code at}, or -1. */
    private static int entityEnd(String text, int at) {
        int i = at + 1;
        int limit = Math.min(text.length(), at + 12);
        if (i < limit && text.charAt(i) == '#') {
            i++;
        }
        int start = i;
        while (i < limit && Character.isLetterOrDigit(text.charAt(i))) {
            i++;
        }
        return i > start && i < text.length() && text.charAt(i) == ';' ? i + 1 : -1;
    }

    /** {@code html} with every ellipsis as a character reference ({@link #ELLIPSIS}); the same text in a browser. */
    static String ellipsesAsReferences(String html) {
        return html.indexOf(ELLIPSIS) < 0 ? html : html.replace(String.valueOf(ELLIPSIS), ELLIPSIS_REFERENCE);
    }
}
