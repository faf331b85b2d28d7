package org.wikifarm.web;

import java.util.Objects;

/**
 * HTML that a JSP may write as it is: the only values the escaping {@code ${…}} of the JSPs lets through unescaped
 * ({@link Html#text}). Made only from HTML that was built to be safe — the sanitiser's output, the page tree written
 * with escaped values, search snippets re-checked by {@link Html#highlighted} — so a search for {@code trusted(}
 * finds every place that vouches for markup.
 */
public record SafeHtml(String html) {
    public SafeHtml {
        Objects.requireNonNull(html, "html");
    }

    /** Vouches that {@code html} is safe to write into a page as it is. */
    static SafeHtml trusted(String html) {
        return new SafeHtml(html);
    }

    @Override
    public String toString() {
        return html;
    }
}
