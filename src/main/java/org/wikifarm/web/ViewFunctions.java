package org.wikifarm.web;

import java.util.List;
import org.wikifarm.page.PagePath;

/** The {@code f:} functions of the JSPs ({@code WEB-INF/wikifarm.tld}) that write markup, as {@link SafeHtml}. */
public final class ViewFunctions {
    private ViewFunctions() {
    }

    /** The page tree as nested lists; every value in it escaped by {@link PageTree#html}. */
    public static SafeHtml tree(List<PageTree.Node> nodes, String base, PagePath current) {
        return SafeHtml.trusted(PageTree.html(nodes, base, current));
    }

    /** A search snippet: escaped text with {@code <mark>} around the matches, nothing else. */
    public static SafeHtml highlighted(String snippet) {
        return Html.highlighted(snippet);
    }
}
