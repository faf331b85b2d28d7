package org.wikifarm.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.WikiSelector;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.PlatformAdmin;
import org.wikifarm.auth.User;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.usage.Limits;
import org.wikifarm.node.Moved;
import org.wikifarm.node.NodeService;
import org.wikifarm.usage.UsageService;

/**
 * The platform administrators' screen at {@code /admin}: users (make admin, disable), wikis (usage, sortable; payment
 * status; own limits) and whether sign-up is open; and at {@code /admin/open-wikis} the wikis open in this process,
 * with buttons that close one (refused while it is in use) or every idle one. {@code PlatformAdmin} asks
 * {@code auth.Permissions} for each right; this servlet only reads forms and shows lists. The forms post to
 * {@code /admin/users}, {@code /admin/wikis}, {@code /admin/limits}, {@code /admin/signup},
 * {@code /admin/open-wikis/close} and {@code /admin/open-wikis/close-idle}.
 */
public final class AdminServlet extends HttpServlet {
    private final WikiSelector selector;
    public static final String[] PATHS = {"/admin", "/admin/*"};
    private static final int PAGE = 100;
    private static final String OPEN_WIKIS = "/open-wikis";
    private static final String NODES = "/nodes";
    private static final Set<String> FORMS = Set.of("/users", "/wikis", "/limits", "/signup", "/default-wiki");
    private static final Set<String> OPEN_WIKI_FORMS = Set.of(OPEN_WIKIS + "/close", OPEN_WIKIS + "/close-idle");
    private static final Set<String> DONE = Set.of("user", "payment", "limits", "signup", "default-wiki");

    private final Accounts accounts;
    private final PlatformAdmin admin;
    private final TenantResolver urls;
    private final UsageService usage;

    private final NodeService nodes;

    public AdminServlet(Accounts accounts, PlatformAdmin admin, TenantResolver urls, UsageService usage,
                        WikiSelector selector, NodeService nodes) {
        this.nodes = nodes;
        this.accounts = accounts;
        this.admin = admin;
        this.urls = urls;
        this.usage = usage;
        this.selector = selector;
    }

    /**
     * A wiki in the admin list: its address, usage and limits, and the own limits as the form shows them (whole
     * megabytes, blank for the default).
     */
    public record WikiLine(Wiki wiki, String url, UsageService.Stats stats, String ownMegabytes, String ownPages) {
    }

    /** An open wiki on its screen: the platform row's address if there still is one, and whether its index is open. */
    public record OpenWikiLine(String id, Wiki wiki, String url, String openedAt, String lastUsed, int leases,
                               boolean searchIndexOpen) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Caller caller = accounts.current();
        String method = request.getMethod();
        boolean post = "POST".equals(method);
        if (!post && !"GET".equals(method) && !"HEAD".equals(method)) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Use GET or POST.");
            return;
        }
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        try {
            if (post) {
                Csrf.check(request);
            } else if (caller.anonymous()) {
                Views.seeOther(response, request.getContextPath() + "/login?next="
                        + Urls.encodeQuery(request.getContextPath() + "/admin"
                        + (path.equals(OPEN_WIKIS) || path.equals(NODES) ? path : "")));
                return;
            }
            if (path.equals("/")) {
                if (post) {
                    throw new WikifarmException.NotFound("no_such_screen", "There is nothing to post here.");
                }
                show(request, response, caller, null, 200);
                return;
            }
            if (path.equals(OPEN_WIKIS)) {
                if (post) {
                    throw new WikifarmException.NotFound("no_such_screen", "There is nothing to post here.");
                }
                showOpenWikis(request, response, caller, null, 200);
                return;
            }
            if (path.equals(NODES)) {
                if (post) {
                    moveWiki(request, response, caller);
                } else {
                    showNodes(request, response, caller, null, 200);
                }
                return;
            }
            if (post && OPEN_WIKI_FORMS.contains(path)) {
                closeWikis(request, response, caller, path);
                return;
            }
            if (!post || !FORMS.contains(path)) {
                throw new WikifarmException.NotFound("no_such_screen", "There is no such admin screen.");
            }
            change(request, response, caller, path);
        } catch (WikifarmException failure) {
            Views.error(request, response, caller, failure);
        }
    }

    private void change(HttpServletRequest request, HttpServletResponse response, Caller caller, String path)
            throws ServletException, IOException {
        String done;
        if (path.equals("/users")) {
            admin.requireManageUsers(caller);
            Confirmation.Question question = dangerous(request, request.getParameter("username"),
                    String.valueOf(request.getParameter("action")));
            if (question != null && !Confirmation.confirmed(request, response, caller, question)) {
                return;
            }
        }
        try {
            done = switch (path) {
                case "/users" -> changeUser(caller, request.getParameter("username"),
                        request.getParameter("action"));
                case "/wikis" -> {
                    admin.setPaymentStatus(caller, request.getParameter("wiki_id"),
                            request.getParameter("payment_status"));
                    yield "payment";
                }
                case "/limits" -> {
                    usage.setLimits(caller, request.getParameter("wiki_id"),
                            Limits.megabytes(request.getParameter("bytes_limit_mb")),
                            Limits.count(request.getParameter("pages_limit")));
                    yield "limits";
                }
                case "/signup" -> {
                    admin.setSignupEnabled(caller, request.getParameter("signup_enabled") != null);
                    yield "signup";
                }
                case "/default-wiki" -> {
                    selector.setDefault(caller, request.getParameter("wiki"));
                    yield "default-wiki";
                }
                default -> throw new IllegalStateException("not a form: " + path);
            };
        } catch (WikifarmException.InvalidInput | WikifarmException.NotFound | WikifarmException.Conflict problem) {
            // A mistake on a form (no such user, your own account) is shown above the lists.
            show(request, response, caller, problem, ErrorStatus.of(problem));
            return;
        }
        Views.seeOther(response, request.getContextPath() + "/admin?done=" + done);
    }

    private void closeWikis(HttpServletRequest request, HttpServletResponse response, Caller caller, String path)
            throws ServletException, IOException {
        String done;
        try {
            if (path.endsWith("/close-idle")) {
                done = "idle&closed=" + admin.closeIdleWikis(caller);
            } else {
                admin.closeWiki(caller, request.getParameter("wiki_id"));
                done = "one";
            }
        } catch (WikifarmException.NotFound | WikifarmException.Conflict problem) {
            // In use, or closed meanwhile: said above the list, which shows how things are now.
            showOpenWikis(request, response, caller, problem, ErrorStatus.of(problem));
            return;
        }
        Views.seeOther(response, request.getContextPath() + "/admin" + OPEN_WIKIS + "?done=" + done);
    }

    /** The move form: the wiki moves now (the answer waits for it); a mistake is shown with what was typed. */
    private void moveWiki(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws ServletException, IOException {
        String wiki = String.valueOf(request.getParameter("wiki")).strip();
        String target = request.getParameter("to");
        int slash = wiki.indexOf('/');
        try {
            if (slash <= 0) {
                throw new WikifarmException.InvalidInput("missing_field", "Name the wiki as owner/slug, such as"
                        + " alice/notes.");
            }
            Moved moved = nodes.move(caller, wiki.substring(0, slash), wiki.substring(slash + 1), target);
            Views.seeOther(response, request.getContextPath() + "/admin" + NODES + "?moved="
                    + Urls.encodeQuery(wiki) + "&to=" + Urls.encodeQuery(moved.to()) + "&ms=" + moved.readOnlyMillis());
        } catch (WikifarmException.InvalidInput | WikifarmException.NotFound | WikifarmException.Conflict
                 | WikifarmException.Unavailable problem) {
            request.setAttribute("typedWiki", wiki);
            request.setAttribute("typedTo", target);
            showNodes(request, response, caller, problem, ErrorStatus.of(problem));
        }
    }

    private void showNodes(HttpServletRequest request, HttpServletResponse response, Caller caller,
                           WikifarmException problem, int status) throws ServletException, IOException {
        request.setAttribute("nodes", nodes.nodes(caller));
        request.setAttribute("problem", problem == null ? null : problem.getMessage());
        if (problem == null && request.getParameter("moved") != null) {
            request.setAttribute("movedWiki", request.getParameter("moved"));
            request.setAttribute("movedTo", request.getParameter("to"));
            request.setAttribute("movedMillis", offset(request.getParameter("ms")));
        }
        Views.render(request, response, caller, "admin/nodes", status);
    }

    private void showOpenWikis(HttpServletRequest request, HttpServletResponse response, Caller caller,
                               WikifarmException problem, int status) throws ServletException, IOException {
        request.setAttribute("openWikis", admin.openWikis(caller).stream()
                .map(line -> new OpenWikiLine(line.open().id().value(), line.wiki().orElse(null),
                        line.wiki().map(urls::baseUrl).orElse(null), line.open().openedAt().toString(),
                        line.open().lastUsed().toString(), line.open().leases(),
                        line.open().has(LucenePageIndex.class)))
                .toList());
        String done = problem == null ? request.getParameter("done") : null;
        request.setAttribute("done", "one".equals(done) || "idle".equals(done) ? done : null);
        request.setAttribute("closedCount", "idle".equals(done) ? offset(request.getParameter("closed")) : null);
        request.setAttribute("problem", problem == null ? null : problem.getMessage());
        Views.render(request, response, caller, "admin/open-wikis", status);
    }

    /** Giving or taking platform admin rights and disabling an account get a confirmation screen; null for others. */
    private static Confirmation.Question dangerous(HttpServletRequest request, String username, String action) {
        String back = request.getContextPath() + "/admin";
        String scope = "user " + action + " " + username;
        return switch (action) {
            case "make-admin" -> new Confirmation.Question(scope, "Make " + username + " a platform admin?",
                    username + " may then do everything on every wiki of this farm, change any account and make"
                            + " more admins.", "Make " + username + " an admin", back);
            case "remove-admin" -> new Confirmation.Question(scope, "Take platform admin rights from " + username + "?",
                    username + " keeps their own wikis and roles but can no longer run the farm.",
                    "Remove admin rights", back);
            case "disable" -> new Confirmation.Question(scope, "Disable " + username + "?",
                    username + " is signed out everywhere and cannot sign in; their tokens stop working. Their wikis"
                            + " stay as they are.", "Disable " + username, back);
            default -> null;
        };
    }

    private String changeUser(Caller caller, String username, String action) {
        switch (String.valueOf(action)) {
            case "make-admin" -> admin.setAdmin(caller, username, true);
            case "remove-admin" -> admin.setAdmin(caller, username, false);
            case "disable" -> admin.setDisabled(caller, username, true);
            case "enable" -> admin.setDisabled(caller, username, false);
            default -> throw new WikifarmException.InvalidInput("invalid_action",
                    "A user can be made admin, lose admin rights, be disabled or be enabled.");
        }
        return "user";
    }

    private void show(HttpServletRequest request, HttpServletResponse response, Caller caller,
                      WikifarmException problem, int status) throws ServletException, IOException {
        int usersFrom = offset(request.getParameter("users_from"));
        int wikisFrom = offset(request.getParameter("wikis_from"));
        List<User> users = admin.users(caller, PAGE + 1, usersFrom);
        UsageService.Sort sort = sort(request.getParameter("sort"));
        List<UsageService.WikiUsage> wikis = usage.wikis(caller, sort.key(), PAGE + 1, wikisFrom);
        request.setAttribute("users", users.subList(0, Math.min(PAGE, users.size())));
        request.setAttribute("usersFrom", usersFrom);
        request.setAttribute("moreUsers", users.size() > PAGE ? usersFrom + PAGE : null);
        request.setAttribute("earlierUsers", usersFrom > 0 ? Math.max(0, usersFrom - PAGE) : null);
        request.setAttribute("wikis", wikis.subList(0, Math.min(PAGE, wikis.size())).stream()
                .map(row -> new WikiLine(row.wiki(), urls.baseUrl(row.wiki()), row.stats(),
                        Limits.megabytesText(row.stats().limits()), Limits.countText(row.stats().limits())))
                .toList());
        request.setAttribute("sort", sort.key());
        request.setAttribute("sorts", List.of("created", "name", "pages", "attachments", "usage", "limit"));
        request.setAttribute("wikisFrom", wikisFrom);
        request.setAttribute("moreWikis", wikis.size() > PAGE ? wikisFrom + PAGE : null);
        request.setAttribute("earlierWikis", wikisFrom > 0 ? Math.max(0, wikisFrom - PAGE) : null);
        request.setAttribute("signupOpen", accounts.signupOpen());
        request.setAttribute("defaultWiki", selector.defaultWikiForAdmin(caller).map(wiki ->
                wiki.owner().value() + "/" + wiki.slug().value()).orElse(""));
        request.setAttribute("paymentStatuses", List.of("free", "active", "lapsed"));
        String done = request.getParameter("done");
        request.setAttribute("done", problem == null && done != null && DONE.contains(done) ? done : null);
        request.setAttribute("problem", problem == null ? null : problem.getMessage());
        Views.render(request, response, caller, "admin/admin", status);
    }

    /** An unknown sort from a link shows the default order rather than an error screen. */
    private static UsageService.Sort sort(String value) {
        try {
            return UsageService.Sort.of(value);
        } catch (WikifarmException.InvalidInput unknown) {
            return UsageService.Sort.CREATED;
        }
    }

    private static int offset(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

}
