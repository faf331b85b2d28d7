package org.wikifarm.web;

import java.util.List;
import org.wikifarm.look.MenuLink;
import org.wikifarm.page.PagePath;
import org.wikifarm.render.HtmlText;

/** The {@code f:} functions of the JSPs ({@code WEB-INF/wikifarm.tld}) that write markup, as {@link SafeHtml}. */
public final class ViewFunctions {
    private ViewFunctions() {
    }

    /** The page tree as nested lists; every value in it escaped by {@link PageTree#html}. */
    public static SafeHtml tree(List<PageTree.Node> nodes, String base, PagePath current) {
        return SafeHtml.trusted(PageTree.html(nodes, base, current));
    }

    /**
     * A wiki's menu: a page of the wiki by its address under {@code base}; an address on the web as it was checked
     * ({@code http(s)} with a host), opened without giving that site this page's address or a handle on it.
     */
    public static SafeHtml menu(List<MenuLink> links, String base) {
        StringBuilder html = new StringBuilder("<nav id=\"wiki-menu\" aria-label=\"Menu\"><ul>");
        for (MenuLink link : links) {
            String href = link.external() ? link.target() : base + "/" + Urls.encodePath(link.target());
            html.append("<li><a href=\"").append(HtmlText.escape(href)).append('"');
            if (link.external()) {
                html.append(" rel=\"noopener noreferrer nofollow\" class=\"external\"");
            }
            html.append('>').append(HtmlText.escape(link.label())).append("</a></li>");
        }
        return SafeHtml.trusted(html.append("</ul></nav>").toString());
    }

    /** A search snippet: escaped text with {@code <mark>} around the matches, nothing else. */
    public static SafeHtml highlighted(String snippet) {
        return Html.highlighted(snippet);
    }
}
