package org.wikifarm.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.look.Look;
import org.wikifarm.look.Looks;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.store.WikiCannotOpenException;
import org.wikifarm.tenant.CurrentTenant;
import org.wikifarm.tenant.Tenant;

/**
 * The web UI inside every wiki, reached at {@code /_wiki/*} through the tenant forward. {@code <base>/<page>} shows a
 * page; the wiki's own screens live under {@code <base>/-/<screen>/<page>} ({@code -} can never be a page's first
 * segment). Every form that changes something is a POST with a CSRF token.
 */
public final class WikiServlet extends HttpServlet {
    /** The request attribute holding the wiki's {@link Look}, which the layout and page view cache read. */
    static final String LOOK = "look";
    /** Screens a browser reaches without reading the wiki: they do not count as using it. */
    /** The screen that shows a page by its path: {@code -/page/<path>} ({@code tenant.PlatformRoutes.PAGE_ALIAS}). */
    private static final String PAGE_ALIAS = "page";
    private static final Set<String> NOT_A_USE = Set.of("changes.atom", "sign-in", "session", "logout");

    private final Accounts accounts;
    private final PageScreens screens;
    private final PageForms forms;
    private final WikiAdminForms admin;
    private final SearchScreens search;
    private final SignInHandoff signIn;
    private final SignInLinks links;
    private final ChangesFeed feed;
    private final WikiChooser chooser;
    private final Looks looks;
    private final AttachmentScreens attachments;
    private final SnapshotForms snapshots;

    public WikiServlet(Accounts accounts, PageScreens screens, PageForms forms, WikiAdminForms admin,
                       SearchScreens search, SignInHandoff signIn, SignInLinks links, ChangesFeed feed,
                       AttachmentScreens attachments, WikiChooser chooser, Looks looks, SnapshotForms snapshots) {
        this.snapshots = snapshots;
        this.accounts = accounts;
        this.screens = screens;
        this.forms = forms;
        this.admin = admin;
        this.search = search;
        this.signIn = signIn;
        this.links = links;
        this.feed = feed;
        this.chooser = chooser;
        this.looks = looks;
        this.attachments = attachments;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Caller caller = accounts.current();
        Tenant tenant = CurrentTenant.get().orElse(null);
        if (tenant == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is no such wiki.");
            return;
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method) && !"POST".equals(method)) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Use GET or POST.");
            return;
        }
        String pathInfo = request.getPathInfo() == null ? "/" : request.getPathInfo();
        WikiRequest wiki = null;
        boolean pageView = false;
        try {
            boolean get = "GET".equals(method);
            Look look = looks.of(tenant.id());
            request.setAttribute(LOOK, look);
            if ("POST".equals(method)) {
                Csrf.check(request);
            } else if (get) {
                chooser.showNotice(request);
            }
            if (pathInfo.startsWith("/-/")) {
                String rest = pathInfo.substring(3);
                int slash = rest.indexOf('/');
                String screen = slash < 0 ? rest : rest.substring(0, slash);
                PagePath path = slash < 0 || slash == rest.length() - 1 ? null : new PagePath(rest.substring(slash + 1));
                wiki = new WikiRequest(request, response, caller, tenant, path);
                if (get && !NOT_A_USE.contains(screen)) {
                    chooser.used(wiki);
                }
                if (screen.equals(PAGE_ALIAS)) {
                    // -/page/<path>: a page's address whatever its name (single-wiki mode links a page named like
                    // one of the platform's routes, /admin, this way).
                    pageView = true;
                    screens.view(require(wiki));
                } else {
                    screen(screen, wiki);
                }
            } else {
                PagePath path = pathInfo.equals("/") ? look.homePage() : new PagePath(pathInfo.substring(1));
                wiki = new WikiRequest(request, response, caller, tenant, path);
                pageView = true;
                if (get) {
                    chooser.used(wiki);
                }
                screens.view(wiki);
            }
        } catch (WikifarmException failure) {
            if (wiki == null) {
                wiki = new WikiRequest(request, response, caller, tenant, null);
            }
            error(wiki, failure, pageView);
        }
    }

    private void screen(String screen, WikiRequest wiki) throws ServletException, IOException {
        switch (screen) {
            case "edit" -> forms.edit(require(wiki));
            case "new" -> forms.startNew(wiki);
            case "preview" -> forms.preview(wiki);
            case "draft" -> forms.draft(require(wiki));
            case "delete" -> forms.delete(require(wiki));
            case "rename" -> forms.rename(require(wiki));
            case "revert" -> forms.revert(require(wiki));
            case "restore" -> forms.restore(require(wiki));
            case "history" -> screens.history(require(wiki));
            case "diff" -> screens.diff(require(wiki));
            case "blame" -> screens.blame(require(wiki));
            case "attachments" -> attachments.attachments(require(wiki));
            case "file" -> attachments.file(require(wiki));
            case "changelog" -> screens.changelog(wiki);
            case "deleted" -> screens.deleted(wiki);
            case "changes.atom" -> feed.changes(wiki);
            case "index" -> screens.index(wiki);
            case "search" -> search.search(wiki);
            case "settings" -> admin.settings(wiki);
            case "members" -> admin.members(wiki);
            case "tokens" -> admin.tokens(wiki);
            case "look" -> admin.look(wiki);
            case "custom.css" -> customCss(wiki);
            case "snapshots" -> snapshots.snapshots(wiki);
            case "sign-in" -> signIn.start(wiki);
            case "session" -> signIn.finish(wiki);
            case "logout" -> signIn.logout(wiki);
            default -> throw new WikifarmException.NotFound("no_such_screen", "There is no such screen in this wiki.");
        }
    }

    /**
     * The wiki's extra CSS, a stylesheet of its own (the CSP allows only this site's stylesheets, never inline ones),
     * for those who may read the wiki; its address carries the look's version, so it is cached long (privately).
     */
    private void customCss(WikiRequest wiki) throws IOException {
        if (!screens.granted(wiki).contains(Permission.READ)) {
            throw new WikifarmException.NotFound("no_such_screen", "There is no such screen in this wiki.");
        }
        Look look = (Look) wiki.request().getAttribute(LOOK);
        HttpServletResponse response = wiki.response();
        response.setContentType("text/css;charset=UTF-8");
        response.setHeader("Cache-Control", "private, max-age=31536000, immutable");
        response.getWriter().write(look.css());
    }

    private static WikiRequest require(WikiRequest wiki) {
        if (wiki.path() == null) {
            throw new WikifarmException.NotFound("page_required", "This screen needs a page name in its address.");
        }
        return wiki;
    }

    /**
     * A missing page's 404 says whether it was deleted (when, by whom, with a Restore button for a writer) or moved
     * (with a link to its new name); a writer may also create it anew.
     */
    private static void showWhyMissing(WikiRequest wiki, PageService.Missing missing) {
        HttpServletRequest request = wiki.request();
        boolean writer = missing.granted().contains(Permission.WRITE);
        missing.deletion().ifPresent(deletion -> request.setAttribute("deletion", deletion));
        missing.movedTo().ifPresent(moved -> request.setAttribute("movedTo", moved));
        request.setAttribute("missingPath", wiki.path());
        if (writer) {
            request.setAttribute("createUrl", wiki.actionUrl("edit", wiki.path()));
            if (missing.deletion().isPresent()) {
                request.setAttribute("canRestore", true);
                if (wiki.caller().anonymous()) {
                    // Anonymous writers (WRITE_ACCESS = ANONYMOUS) get a token for this one form, as the editor does.
                    request.setAttribute("csrf", Csrf.token(request));
                }
            }
        }
    }

    /**
     * A missing page is a friendly 404 that offers to create it when the caller may write; the plain view of a page
     * that was renamed away ({@code pageView}) redirects to its new name.
     */
    private void error(WikiRequest wiki, WikifarmException failure, boolean pageView)
            throws ServletException, IOException {
        if (failure instanceof WikiCannotOpenException cannotOpen && chooser.revert(wiki, cannotOpen)) {
            return;
        }
        HttpServletRequest request = wiki.request();
        request.setAttribute("tenant", wiki.tenant());
        request.setAttribute("wiki", wiki.wiki());
        request.setAttribute("base", wiki.tenant().basePath());
        Set<Permission> granted;
        if (failure instanceof PageNotFoundException && wiki.path() != null) {
            PageService.Missing missing = screens.missing(wiki);
            if (missing.movedTo().isPresent() && pageView && "GET".equals(request.getMethod())) {
                // A renamed page's old address leads to it (a chain of renames is followed one step at a time; each
                // step is newer than the one before, so it ends). 302: the old name may be used again.
                wiki.response().setStatus(HttpServletResponse.SC_FOUND);
                wiki.response().setHeader("Location", wiki.pageUrl(missing.movedTo().get()));
                return;
            }
            granted = missing.granted();
            showWhyMissing(wiki, missing);
        } else {
            granted = failure instanceof PageNotFoundException
                    || failure instanceof WikifarmException.Unauthenticated ? screens.granted(wiki) : Set.of();
        }
        if (failure instanceof PageNotFoundException) {
            // A new wiki has no Home page yet: its owner still needs the way to its settings.
            request.setAttribute("canAdmin", granted.contains(Permission.ADMIN));
        }
        WikifarmException shown = failure;
        if (failure instanceof WikifarmException.Unauthenticated) {
            // Someone who may not even read the wiki is sent to sign in; on a wiki they can read, a friendly 403.
            if (!granted.contains(Permission.READ)) {
                Views.seeOther(wiki.response(), links.loginUrl(request, SignInLinks.currentUri(request)));
                return;
            }
            shown = new WikifarmException.Forbidden(failure.getMessage());
        }
        Views.error(request, wiki.response(), wiki.caller(), shown);
    }
}
