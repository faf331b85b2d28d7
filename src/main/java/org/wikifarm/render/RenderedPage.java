package org.wikifarm.render;

import java.util.function.Predicate;
import org.wikifarm.page.PagePath;

/**
 * The per-view step after the cache: points a rendered page's wiki links at one wiki. Cached HTML is shared by every
 * wiki with the same content, so the wiki's base path and which linked pages exist are only known here.
 */
public final class RenderedPage {
    /** How the sanitiser writes a wiki link's start tag; {@code RenderedPageTest} pins it. */
    static final String LINK_START = "<a class=\"wikilink\" href=\"" + WikiHref.PLACEHOLDER;

    private RenderedPage() {
    }

    /**
     * Replaces the placeholder base of every wiki link with {@code wikiBase} (such as {@code /alice/notes/}). A link
     * to a page that does not exist gets {@code class="wikilink missing"} and points at the page's create form,
     * {@code <wikiBase>-/edit/<path>}. One linear pass over the HTML; the Markdown is not parsed again.
     *
     * @param cachedHtml HTML from {@link MarkdownRenderer#render}
     * @param wikiBase the wiki's base path on this site, starting with {@code /} (a trailing {@code /} is added if
     *     missing)
     * @param exists whether a page exists in this wiki; asked once per link
     */
    public static String bind(String cachedHtml, String wikiBase, Predicate<PagePath> exists) {
        return bind(cachedHtml, wikiBase, exists, page -> false);
    }

    /**
     * As {@link #bind(String, String, Predicate)}; a link to an existing page that {@code aliased} names goes to its
     * alias {@code <wikiBase>-/page/<path>} (single-wiki mode: its plain address is one of the platform's routes).
     */
    public static String bind(String cachedHtml, String wikiBase, Predicate<PagePath> exists,
                              Predicate<PagePath> aliased) {
        if (!wikiBase.startsWith("/") || wikiBase.startsWith("//")) {
            throw new IllegalArgumentException("A wiki base is a path starting with one '/': " + wikiBase);
        }
        String base = HtmlText.escape(wikiBase.endsWith("/") ? wikiBase : wikiBase + "/");
        StringBuilder out = null;
        int done = 0;
        int start = cachedHtml.indexOf(LINK_START);
        while (start >= 0) {
            int hrefStart = start + LINK_START.length();
            int hrefEnd = cachedHtml.indexOf('"', hrefStart);
            if (hrefEnd < 0) {
                break;
            }
            if (out == null) {
                out = new StringBuilder(cachedHtml.length() + 256);
            }
            out.append(cachedHtml, done, start);
            appendLinkStart(out, base, cachedHtml.substring(hrefStart, hrefEnd), exists, aliased);
            done = hrefEnd + 1;
            start = cachedHtml.indexOf(LINK_START, done);
        }
        return out == null ? cachedHtml : out.append(cachedHtml, done, cachedHtml.length()).toString();
    }

    /** Where a page is reached whatever its name: {@code tenant.PlatformRoutes.PAGE_ALIAS}. */
    static final String ALIAS = "-/page/";

    /** How the sanitiser writes the source of an image that names one of the page's files. */
    static final String FILE_SRC = "src=\"" + PageFileSrc.PLACEHOLDER;

    /**
     * As {@link #bind(String, String, Predicate)}, and every image that names one of the page's own files
     * ({@code ![](diagram.png)}) is pointed at it: {@code <wikiBase>-/file/<page>/<name>}.
     */
    public static String bind(String cachedHtml, String wikiBase, PagePath page, Predicate<PagePath> exists) {
        return bind(cachedHtml, wikiBase, page, exists, other -> false);
    }

    /** As {@link #bind(String, String, PagePath, Predicate)}, with {@code aliased} as in the four-argument bind. */
    public static String bind(String cachedHtml, String wikiBase, PagePath page, Predicate<PagePath> exists,
                              Predicate<PagePath> aliased) {
        String bound = bind(cachedHtml, wikiBase, exists, aliased);
        if (page == null || !bound.contains(FILE_SRC)) {
            return bound;
        }
        String base = HtmlText.escape(wikiBase.endsWith("/") ? wikiBase : wikiBase + "/");
        return bound.replace(FILE_SRC, "src=\"" + base + "-/file/" + WikiHref.encodePath(page) + "/");
    }

    /** Writes {@code <a class="…" href="…"} for one link; the rest of the tag follows unchanged. */
    private static void appendLinkStart(StringBuilder out, String base, String ref, Predicate<PagePath> exists,
                                        Predicate<PagePath> aliased) {
        int hash = ref.indexOf('#');
        PagePath page = WikiHref.decodePath(hash < 0 ? ref : ref.substring(0, hash));
        if (page == null) {
            // Not made by the renderer (raw HTML imitating a wiki link): keep the look, drop the link.
            out.append("<a class=\"wikilink missing\"");
            return;
        }
        String path = WikiHref.encodePath(page);
        if (exists.test(page)) {
            String fragment = hash < 0 ? "" : ref.substring(hash + 1);
            out.append("<a class=\"wikilink\" href=\"").append(base).append(aliased.test(page) ? ALIAS : "")
                    .append(path);
            if (WikiHref.isEncodedFragment(fragment)) {
                out.append('#').append(fragment);
            }
            out.append('"');
        } else {
            out.append("<a class=\"wikilink missing\" href=\"").append(base).append("-/edit/").append(path)
                    .append('"');
        }
    }
}
