package org.wikifarm.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.wikifarm.auth.Permission;
import org.wikifarm.page.Blame;
import org.wikifarm.page.Change;
import org.wikifarm.page.Diff;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.Screen;
import org.wikifarm.page.Sidebar;
import org.wikifarm.render.MarkdownRenderer;
import org.wikifarm.render.RenderCache;
import org.wikifarm.render.RenderedPage;
import org.wikifarm.render.Rendered;

/**
 * The reading screens of a wiki: a page (current or at a revision), its history, a diff, its blame, changes, the
 * index.
 */
public final class PageScreens {
    private static final int HISTORY_LIMIT = 200;
    private static final int CHANGELOG_LIMIT = 50;

    private static final long ANONYMOUS_CACHE_CHARS = 32L * 1024 * 1024;

    private final PageService pages;
    private final RenderCache renderCache;
    private final RenderSlots slots;
    private final AnonymousPageCache anonymousPages = new AnonymousPageCache(ANONYMOUS_CACHE_CHARS);

    /** @param rendersPerWiki how many pages of one wiki may render at once (cached pages do not count) */
    public PageScreens(PageService pages, RenderCache renderCache, int rendersPerWiki) {
        this.pages = pages;
        this.renderCache = renderCache;
        this.slots = new RenderSlots(rendersPerWiki);
    }

    /**
     * A page. Anonymous readers of the current version share one rendering per HEAD commit: the view (and so the
     * permission check) still runs on every request, so a wiki made private stops answering at once; the rendering
     * runs only when something changed.
     */
    void view(WikiRequest wiki) throws ServletException, IOException {
        String revision = wiki.param("revision");
        boolean current = revision == null || revision.isBlank();
        PageService.PageView view = pages.view(wiki.caller(), wiki.wiki(), wiki.path(), revision);
        if (!wiki.caller().anonymous() || !current) {
            render(wiki, view, current ? null : revision);
            return;
        }
        String key = String.join("\n", wiki.wiki().id().value(), wiki.path().value(), String.valueOf(view.head()),
                wiki.wiki().displayName(), wiki.tenant().basePath(), view.sidebar().granted().toString(),
                Integer.toString(MarkdownRenderer.VERSION));
        String html = anonymousPages.get(key);
        if (html == null) {
            AnonymousPageCache.Capture capture = new AnonymousPageCache.Capture(wiki.response());
            render(new WikiRequest(wiki.request(), capture, wiki.caller(), wiki.tenant(), wiki.path()), view, null);
            html = capture.html();
            if (capture.getStatus() == 200) {
                anonymousPages.put(key, html);
            }
        } else {
            wiki.response().setContentType("text/html;charset=UTF-8");
        }
        Views.sendInOneWrite(wiki.response());
        wiki.response().getWriter().write(html);
    }

    private void render(WikiRequest wiki, PageService.PageView view, String revision)
            throws ServletException, IOException {
        Rendered rendered = renderCache.get(view.page().content(), slots.of(wiki.wiki().id()));
        Set<PagePath> existing = new HashSet<>(view.sidebar().pages());
        wiki.request().setAttribute("page", view.page());
        wiki.request().setAttribute("html", SafeHtml.trusted(bind(wiki, rendered.html(), existing)));
        wiki.request().setAttribute("toc", rendered.toc());
        wiki.request().setAttribute("unrendered", !rendered.complete());
        wiki.request().setAttribute("backlinks", view.backlinks());
        wiki.request().setAttribute("atRevision", revision);
        withSidebar(wiki, view.sidebar());
        wiki.render("page/view", 200);
    }

    /**
     * Renders Markdown the way a page view would, for the editor's live preview: only for those who may write here
     * (a preview is part of editing), under the same budget and per-wiki bound as a page view.
     */
    String preview(WikiRequest wiki, String markdown) {
        Set<PagePath> existing = new HashSet<>(pages.sidebar(wiki.caller(), wiki.wiki(), Permission.WRITE).pages());
        Rendered rendered = renderCache.get(markdown, slots.of(wiki.wiki().id()));
        return (rendered.complete() ? "" : UNRENDERED_NOTICE) + bind(wiki, rendered.html(), existing);
    }

    /** What the preview says above a page it shows as source. */
    static final String UNRENDERED_NOTICE = "<p class=\"notice\" id=\"unrendered-notice\">This text is too complex"
            + " to render in time; it is shown as it was written.</p>\n";

    private static String bind(WikiRequest wiki, String html, Set<PagePath> existing) {
        return RenderedPage.bind(html, wiki.tenant().basePath() + "/", existing::contains);
    }

    void history(WikiRequest wiki) throws ServletException, IOException {
        Screen<List<Change>> screen = pages.historyScreen(wiki.caller(), wiki.wiki(), wiki.path(), HISTORY_LIMIT);
        wiki.request().setAttribute("changes", screen.content());
        withSidebar(wiki, screen.sidebar());
        wiki.render("page/history", 200);
    }

    void diff(WikiRequest wiki) throws ServletException, IOException {
        Screen<Diff> screen = pages.diffScreen(wiki.caller(), wiki.wiki(), wiki.path(), wiki.param("from"),
                wiki.param("to"));
        wiki.request().setAttribute("from", screen.content().from());
        wiki.request().setAttribute("to", screen.content().to());
        wiki.request().setAttribute("mode", "side".equals(wiki.param("mode")) ? "side" : "inline");
        wiki.request().setAttribute("diff", DiffView.parse(screen.content().diff()));
        withSidebar(wiki, screen.sidebar());
        wiki.render("page/diff", 200);
    }

    /** Who last changed each line, at the current commit or at {@code ?revision=}. */
    void blame(WikiRequest wiki) throws ServletException, IOException {
        String revision = wiki.param("revision");
        Screen<Blame> screen = pages.blameScreen(wiki.caller(), wiki.wiki(), wiki.path(), revision);
        wiki.request().setAttribute("blame", screen.content());
        wiki.request().setAttribute("atRevision", revision == null || revision.isBlank() ? null
                : screen.content().revision());
        withSidebar(wiki, screen.sidebar());
        wiki.render("page/blame", 200);
    }

    void changelog(WikiRequest wiki) throws ServletException, IOException {
        Screen<List<Change>> screen = pages.changelogScreen(wiki.caller(), wiki.wiki(), CHANGELOG_LIMIT + 1,
                wiki.param("before"));
        List<Change> changes = screen.content();
        boolean more = changes.size() > CHANGELOG_LIMIT;
        List<Change> shown = more ? changes.subList(0, CHANGELOG_LIMIT) : changes;
        wiki.request().setAttribute("changes", shown);
        wiki.request().setAttribute("older", more ? shown.get(shown.size() - 1).revision() : null);
        withSidebar(wiki, screen.sidebar());
        wiki.render("page/changelog", 200);
    }

    void index(WikiRequest wiki) throws ServletException, IOException {
        Sidebar sidebar = pages.sidebar(wiki.caller(), wiki.wiki(), Permission.READ);
        List<PagePath> all = sidebar.pages();
        Map<String, List<PagePath>> letters = all.stream().collect(Collectors.groupingBy(
                page -> firstLetter(page.name()), TreeMap::new, Collectors.toList()));
        wiki.request().setAttribute("letters", letters);
        wiki.request().setAttribute("count", all.size());
        withSidebar(wiki, sidebar);
        wiki.render("page/index", 200);
    }

    /** What the caller may do here, decided once for an error screen that shows or offers actions. */
    Set<Permission> granted(WikiRequest wiki) {
        return pages.permissions(wiki.caller(), wiki.wiki());
    }

    private static void withSidebar(WikiRequest wiki, Sidebar sidebar) {
        wiki.request().setAttribute("tree", PageTree.of(sidebar.pages()));
        wiki.request().setAttribute("canWrite", sidebar.canWrite());
        wiki.request().setAttribute("canAdmin", sidebar.canAdmin());
    }

    private static String firstLetter(String name) {
        int first = name.codePointAt(0);
        return Character.isLetter(first) ? new String(Character.toChars(first)).toUpperCase(Locale.ROOT) : "#";
    }
}
