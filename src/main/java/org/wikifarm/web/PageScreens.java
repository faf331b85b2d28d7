package org.wikifarm.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wikifarm.auth.Permission;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.Blame;
import org.wikifarm.page.Change;
import org.wikifarm.page.Diff;
import org.wikifarm.page.PageFilter;
import org.wikifarm.page.PagePath;
import org.wikifarm.look.Look;
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
    /** The most pages the index writes at once; a bigger folder is opened on its own index. */
    static final int INDEX_LIMIT = 2000;

    private final PageService pages;
    private final RenderCache renderCache;
    private final RenderSlots slots;
    private final PageViewCache viewCache;
    private final java.util.function.Function<org.wikifarm.store.TenantId, WikiLinkOrder> linkOrders;

    /**
     * @param rendersPerWiki how many pages of one wiki may render at once (cached pages do not count)
     * @param viewCache      whole page views per HEAD commit, shared by everyone with the same rights
     */
    public PageScreens(PageService pages, RenderCache renderCache, int rendersPerWiki, PageViewCache viewCache) {
        this(pages, renderCache, rendersPerWiki, viewCache, wiki -> WikiLinkOrder.DEFAULT);
    }

    /** @param linkOrders each wiki's wiki link order ({@code auth.WikiSettings#linkOrder}) */
    public PageScreens(PageService pages, RenderCache renderCache, int rendersPerWiki, PageViewCache viewCache,
                       java.util.function.Function<org.wikifarm.store.TenantId, WikiLinkOrder> linkOrders) {
        this.linkOrders = linkOrders;
        this.pages = pages;
        this.renderCache = renderCache;
        this.slots = new RenderSlots(rendersPerWiki);
        this.viewCache = viewCache;
    }

    /** A page: its current version ({@link #current}), or the version of {@code ?revision=} ({@link #atRevision}). */
    void view(WikiRequest wiki) throws ServletException, IOException {
        String revision = wiki.param("revision");
        if (revision == null || revision.isBlank()) {
            current(wiki);
        } else {
            atRevision(wiki, revision);
        }
    }

    /**
     * The current version of a page. Everyone who may do the same things in the wiki shares one rendering per HEAD
     * commit ({@link PageViewCache}), with their own header menu spliced in. The permission decision still comes
     * first on every request, before the cache is asked, so a wiki made private or a member removed stops getting
     * the page at once; the page is read and rendered only when something changed.
     */
    void current(WikiRequest wiki) throws ServletException, IOException {
        SignInLinks.Links links = Views.signInLinks(wiki.request());
        String home = links == null ? "" : links.home();
        // A banner for this one request (Notices) makes the page this person's own: rendered, never kept or reused.
        boolean ownPage = wiki.request().getAttribute(Notices.ATTRIBUTE) != null;
        PageService.CurrentView<PageViewCache.View> found = pages.viewCurrent(wiki.caller(), wiki.wiki(),
                wiki.path(), (head, granted) -> ownPage ? null : viewCache.get(key(wiki, head, granted, home)));
        PageViewCache.View view = found.kept();
        if (view == null && ownPage) {
            render(wiki, found.view(), null);
            return;
        }
        if (view == null) {
            PageService.PageView read = found.view();
            view = renderToKeep(wiki, read, key(wiki, read.head(), read.sidebar().granted(), home));
        }
        view.send(wiki.response(), Views.userMenu(wiki.request(), wiki.caller(), links));
    }

    private PageViewCache.Key key(WikiRequest wiki, String head, Set<Permission> granted, String home) {
        Look look = (Look) wiki.request().getAttribute(WikiServlet.LOOK);
        return new PageViewCache.Key(wiki.wiki().id(), wiki.path(), head, granted, wiki.wiki().displayName(),
                wiki.tenant().basePath(), home, MarkdownRenderer.VERSION, look == null ? 0 : look.version(),
                linkOrders.apply(wiki.wiki().id()));
    }

    /** Renders the view with {@link UserMenu#SLOT} in place of the menu, and keeps it. */
    private PageViewCache.View renderToKeep(WikiRequest wiki, PageService.PageView read, PageViewCache.Key key)
            throws ServletException, IOException {
        PageViewCache.Capture capture = new PageViewCache.Capture(wiki.response());
        wiki.request().setAttribute(UserMenu.ATTRIBUTE, UserMenu.SLOT_HTML);
        try {
            render(new WikiRequest(wiki.request(), capture, wiki.caller(), wiki.tenant(), wiki.path()), read, null);
        } finally {
            // An error page shown after a failure here must carry the caller's own menu, not the slot.
            wiki.request().removeAttribute(UserMenu.ATTRIBUTE);
        }
        PageViewCache.View view = capture.getStatus() == 200 ? PageViewCache.View.of(capture.html()) : null;
        if (view == null) {
            throw new IllegalStateException("A page view did not come out as a page with one user-menu slot.");
        }
        viewCache.put(key, view);
        return view;
    }

    /** A page as it was at a revision, rendered for each request. */
    void atRevision(WikiRequest wiki, String revision) throws ServletException, IOException {
        render(wiki, pages.view(wiki.caller(), wiki.wiki(), wiki.path(), revision), revision);
    }

    private void render(WikiRequest wiki, PageService.PageView view, String revision)
            throws ServletException, IOException {
        Rendered rendered = renderCache.get(view.page().content(), linkOrders.apply(wiki.wiki().id()),
                slots.of(wiki.wiki().id()));
        Set<PagePath> existing = new HashSet<>(view.sidebar().pages());
        wiki.request().setAttribute("page", view.page());
        wiki.request().setAttribute("html", SafeHtml.trusted(bind(wiki, rendered.html(), existing)));
        wiki.request().setAttribute("toc", rendered.toc());
        wiki.request().setAttribute("unrendered", !rendered.complete());
        wiki.request().setAttribute("meta", rendered.frontMatter());
        wiki.request().setAttribute("features", rendered.features());
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
        Rendered rendered = renderCache.get(markdown, linkOrders.apply(wiki.wiki().id()), slots.of(wiki.wiki().id()));
        return (rendered.complete() ? "" : UNRENDERED_NOTICE) + bind(wiki, rendered.html(), existing);
    }

    /** What the preview says above a page it shows as source. */
    static final String UNRENDERED_NOTICE = "<p class=\"notice\" id=\"unrendered-notice\">This text is too complex"
            + " to render in time; it is shown as it was written.</p>\n";

    private static String bind(WikiRequest wiki, String html, Set<PagePath> existing) {
        return RenderedPage.bind(html, wiki.tenant().basePath() + "/", wiki.path(), existing::contains,
                page -> wiki.tenant().aliased(page.value()));
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
        writerForms(wiki, screen.sidebar());
        wiki.render("page/changelog", 200);
    }

    /**
     * The deleted pages: each with when and by whom, its last text one click away (the missing page's screen) and,
     * for a writer, a Restore button.
     */
    void deleted(WikiRequest wiki) throws ServletException, IOException {
        Screen<PageService.DeletedPages> screen = pages.deletedScreen(wiki.caller(), wiki.wiki());
        wiki.request().setAttribute("deleted", screen.content().pages());
        wiki.request().setAttribute("complete", screen.content().complete());
        withSidebar(wiki, screen.sidebar());
        writerForms(wiki, screen.sidebar());
        wiki.render("page/deleted", 200);
    }

    /** An anonymous writer (WRITE_ACCESS = ANONYMOUS) gets a token for a screen's forms, as the editor does. */
    private static void writerForms(WikiRequest wiki, Sidebar sidebar) {
        if (sidebar.canWrite() && wiki.caller().anonymous()) {
            wiki.request().setAttribute("csrf", Csrf.token(wiki.request()));
        }
    }

    /** The index: pages by folder, naturally sorted, at most {@value #INDEX_LIMIT} written (see {@link PageIndex}). */
    void index(WikiRequest wiki) throws ServletException, IOException {
        // ?category= and ?tag= keep the pages whose front matter names them (the links on a page's metadata).
        PageFilter filter = new PageFilter(wiki.param("category"), wiki.param("tag"));
        Screen<List<PagePath>> screen = pages.indexScreen(wiki.caller(), wiki.wiki(), filter);
        Sidebar sidebar = screen.sidebar();
        String folder = folder(wiki.param("folder"));
        PageIndex index = PageIndex.of(screen.content(), folder, INDEX_LIMIT);
        wiki.request().setAttribute("filter", filter);
        wiki.request().setAttribute("index", index);
        wiki.request().setAttribute("folder", folder);
        wiki.request().setAttribute("trail", PageIndex.trail(folder));
        wiki.request().setAttribute("count", index.count());
        withSidebar(wiki, sidebar);
        wiki.render("page/index", 200);
    }

    /** A folder as {@code ?folder=} names it, without the slashes around it; null for the whole wiki. */
    private static String folder(String param) {
        if (param == null) {
            return null;
        }
        int start = 0;
        int end = param.length();
        while (start < end && param.charAt(start) == '/') {
            start++;
        }
        while (end > start && param.charAt(end - 1) == '/') {
            end--;
        }
        return start == end ? null : param.substring(start, end);
    }

    /** Why the asked page is missing (deleted, by whom; or moved), and what the caller may do, for its 404 screen. */
    PageService.Missing missing(WikiRequest wiki) {
        return pages.missing(wiki.caller(), wiki.wiki(), wiki.path());
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

}
