package org.wikifarm.web;

import java.util.List;
import org.wikifarm.look.MenuLink;
import org.wikifarm.page.PagePath;
import org.wikifarm.render.HtmlText;
import org.wikifarm.tenant.Tenant;

/** The {@code f:} functions of the JSPs ({@code WEB-INF/wikifarm.tld}) that write markup, as {@link SafeHtml}. */
public final class ViewFunctions {
    private ViewFunctions() {
    }

    /** The search screen's hits as list items; every value in them escaped by {@link ShownHit#listItems}. */
    public static SafeHtml searchHits(List<ShownHit> hits, String base) {
        return ShownHit.listItems(hits, base);
    }

    /** The page tree as nested lists; every value in it escaped by {@link PageTree#html}. */
    public static SafeHtml tree(List<PageTree.Node> nodes, String base, PagePath current) {
        return SafeHtml.trusted(PageTree.html(nodes, base, current));
    }

    /** The page tree of {@code tenant}'s wiki (its pages named like platform routes by their alias, in single mode). */
    public static SafeHtml wikiTree(List<PageTree.Node> nodes, Tenant tenant, PagePath current) {
        return tenant == null ? SafeHtml.trusted(PageTree.html(nodes, "", current))
                : SafeHtml.trusted(PageTree.html(nodes, tenant.basePath(), current, tenant.beside()));
    }

    /**
     * The address of a page of {@code tenant}'s wiki after its base path: {@code /<path>}, or its alias
     * {@code /-/page/<path>} where its plain address is a platform route (single-wiki mode).
     */
    public static String page(Tenant tenant, String path) {
        String encoded = Urls.encodePath(path);
        return tenant == null ? "/" + encoded : tenant.pageSuffix(path, encoded);
    }

    /**
     * A wiki's menu: a page of the wiki by its address under {@code base}; an address on the web as it was checked
     * ({@code http(s)} with a host), opened without giving that site this page's address or a handle on it.
     */
    public static SafeHtml menu(List<MenuLink> links, String base) {
        return menu(links, base, null);
    }

    /** As {@link #menu(List, String)}, a page of the wiki by {@link #page(Tenant, String)}. */
    public static SafeHtml wikiMenu(List<MenuLink> links, Tenant tenant) {
        return menu(links, tenant == null ? "" : tenant.basePath(), tenant);
    }

    private static SafeHtml menu(List<MenuLink> links, String base, Tenant tenant) {
        StringBuilder html = new StringBuilder("<nav id=\"wiki-menu\" aria-label=\"Menu\"><ul>");
        for (MenuLink link : links) {
            String href = link.external() ? link.target() : base + page(tenant, link.target());
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
