package org.wikifarm.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.subject.Subject;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.FarmPassFilter;
import org.wikifarm.auth.LoginThrottle;
import org.wikifarm.auth.SignInFamilies;
import org.wikifarm.auth.SignInTickets;
import org.wikifarm.auth.TooManyAttemptsException;
import org.wikifarm.auth.WikiCatalog;
import org.wikifarm.tenant.FarmHosts;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.Wiki;

/**
 * The platform's own screens: home (your wikis, the others you may read, create one), sign-up, login, logout,
 * account. What the lists show and who may create a wiki is {@link WikiCatalog}'s (and so auth's) to decide. Signing
 * in or up follows a {@code next} only to this farm ({@link SignInLinks}); a {@code next} on a wiki's custom domain
 * is reached through a one-time sign-in ticket ({@link SignInHandoff}), since that host has a session of its own.
 */
public final class PlatformServlet extends HttpServlet {
    public static final String[] PATHS = {"", "/select", "/wikis", "/signup", "/login", "/logout", "/account"};
    private static final java.util.Set<String> SIGN_IN_FORMS = java.util.Set.of("/signup", "/login");

    private final Accounts accounts;
    private final WikiCatalog wikis;
    private final TenantResolver urls;
    private final LoginThrottle throttle;
    private final SignInLinks links;
    private final SignInTickets tickets;
    private final SignInFamilies families;
    private final WikiChooser chooser;

    /** Path mode only: every {@code next} is a path of this host. */
    public PlatformServlet(Accounts accounts, WikiCatalog wikis, TenantResolver urls, LoginThrottle throttle) {
        this(accounts, wikis, urls, throttle, new SignInLinks(new FarmHosts(null, null)), null, null, null);
    }

    public PlatformServlet(Accounts accounts, WikiCatalog wikis, TenantResolver urls, LoginThrottle throttle,
                           SignInLinks links, SignInTickets tickets, SignInFamilies families, WikiChooser chooser) {
        this.accounts = accounts;
        this.wikis = wikis;
        this.urls = urls;
        this.throttle = throttle;
        this.links = links;
        this.tickets = tickets;
        this.families = families;
        this.chooser = chooser;
    }

    /** One wiki in a listing, with the address to reach it. */
    public record WikiLink(Wiki wiki, String url) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Caller caller = accounts.current();
        if (SIGN_IN_FORMS.contains(request.getServletPath())) {
            request.setAttribute("csrf", Csrf.token(request));
        }
        try {
            boolean post = "POST".equals(request.getMethod());
            if (post) {
                Csrf.check(request);
            } else if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                return;
            }
            switch (request.getServletPath()) {
                case "/signup" -> signUp(request, response, caller, post);
                case "/login" -> login(request, response, caller, post);
                case "/logout" -> logout(request, response, post);
                case "/account" -> account(request, response, caller, post);
                case "/wikis" -> createWiki(request, response, caller, post);
                case "/select" -> {
                    if (urls.singleMode()) {
                        // One wiki, at /: there is nothing to choose.
                        Views.seeOther(response, request.getContextPath() + "/");
                    } else {
                        select(request, response, caller);
                    }
                }
                default -> home(request, response, caller);
            }
        } catch (WikifarmException failure) {
            request.setAttribute("form", request.getParameterMap());
            Views.error(request, response, caller, failure);
        }
    }

    /**
     * Home. A browser arriving (once per browser session) is taken to the wiki it used last, or to the installation's
     * default wiki; otherwise someone signed in who has wikis chooses one ({@link #select}), and everyone else sees
     * the public wikis (and, signed in, the form to create one).
     */
    private void home(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws ServletException, IOException {
        if (chooser != null && "GET".equals(request.getMethod())) {
            java.util.Optional<String> back = chooser.returnTo(request, response, caller);
            if (back.isPresent()) {
                Views.seeOther(response, back.get());
                return;
            }
        }
        List<Wiki> mine = wikis.mine(caller, 200);
        if (chooser != null && !mine.isEmpty()) {
            select(request, response, caller);
            return;
        }
        own(request, response, caller, mine);
    }

    /**
     * "Select wiki": every wiki the caller may read, the ones they (or this browser) used last first, then the most
     * recently changed; {@code q} filters by name, address or owner. For someone signed in, with the form to create a
     * wiki below.
     */
    private void select(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws ServletException, IOException {
        request.setAttribute("choices", chooser.choices(request, caller));
        request.setAttribute("filter", request.getParameter("q"));
        Views.render(request, response, caller, "platform/select", 200);
    }

    /** The caller's own wikis, then the other wikis they may read (for visitors: the public ones). */
    private void own(HttpServletRequest request, HttpServletResponse response, Caller caller, List<Wiki> mine)
            throws ServletException, IOException {
        java.util.Set<org.wikifarm.store.TenantId> own = new java.util.HashSet<>();
        mine.forEach(wiki -> own.add(wiki.id()));
        request.setAttribute("mine", links(mine));
        request.setAttribute("readableWikis", links(wikis.firstReadable(caller, 100).stream()
                .filter(wiki -> !own.contains(wiki.id())).toList()));
        Views.render(request, response, caller, "platform/home", 200);
    }

    private void createWiki(HttpServletRequest request, HttpServletResponse response, Caller caller, boolean post)
            throws IOException {
        if (!post) {
            Views.seeOther(response, request.getContextPath() + "/");
            return;
        }
        Wiki wiki = wikis.create(caller, request.getParameter("slug"), request.getParameter("display_name"),
                request.getParameter("is_public") != null);
        Views.seeOther(response, urls.baseUrl(wiki) + "/");
    }

    private void signUp(HttpServletRequest request, HttpServletResponse response, Caller caller, boolean post)
            throws ServletException, IOException {
        keepNext(request);
        if (!post) {
            Views.render(request, response, caller, "platform/signup", 200);
            return;
        }
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        try {
            accounts.signUp(caller, username, password, request.getParameter("email"),
                    request.getParameter("display_name"));
        } catch (WikifarmException failure) {
            request.setAttribute("problem", failure.getMessage());
            request.setAttribute("username", username);
            request.setAttribute("email", request.getParameter("email"));
            Views.render(request, response, caller, "platform/signup", statusOf(failure));
            return;
        }
        if (caller.anonymous()) {
            signIn(username, password);
            continueTo(request, response, request.getParameter("next"), request.getParameter("handoff"));
            return;
        }
        Views.seeOther(response, request.getContextPath() + "/");
    }

    private void login(HttpServletRequest request, HttpServletResponse response, Caller caller, boolean post)
            throws ServletException, IOException {
        keepNext(request);
        if (!post) {
            if (!caller.anonymous() && request.getParameter("next") != null) {
                // Signed in already (on the platform, or on another wiki host): go on without asking again.
                continueTo(request, response, request.getParameter("next"), request.getParameter("handoff"));
                return;
            }
            Views.render(request, response, caller, "platform/login", 200);
            return;
        }
        String problem;
        int status;
        try {
            if (throttledSignIn(request.getParameter("username"), request.getParameter("password"),
                    request.getRemoteAddr())) {
                continueTo(request, response, request.getParameter("next"), request.getParameter("handoff"));
                return;
            }
            problem = "The username or password is wrong.";
            status = HttpServletResponse.SC_UNAUTHORIZED;
        } catch (TooManyAttemptsException e) {
            problem = e.getMessage();
            status = 429;
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        request.setAttribute("problem", problem);
        request.setAttribute("username", request.getParameter("username"));
        Views.render(request, response, Caller.ANONYMOUS, "platform/login", status);
    }

    /** The checked {@code next} and sign-in {@code handoff} nonce, for the form to send back. */
    private void keepNext(HttpServletRequest request) {
        request.setAttribute("next", links.safeNext(request, request.getParameter("next")));
        String handoff = request.getParameter("handoff");
        request.setAttribute("handoff", handoff != null && isNonce(handoff) ? handoff : null);
    }

    /**
     * After signing in (or on finding someone signed in already), goes on to {@code next} if it may be followed. A
     * wiki on a custom domain gets a one-time ticket for its own session when it started the sign-in (its nonce is
     * {@code handoff}); otherwise it is asked to start one. Reaching another site after a form would be refused by
     * the browser (the content security policy's form-action also covers redirects), so after a POST the way on is a
     * small page that continues by itself.
     */
    private void continueTo(HttpServletRequest request, HttpServletResponse response, String next, String handoff)
            throws ServletException, IOException {
        SignInLinks.Destination destination = links.destination(request, next).orElse(null);
        if (destination == null) {
            Views.seeOther(response, request.getContextPath() + "/");
            return;
        }
        if (destination.kind() != FarmHosts.Kind.CUSTOM_DOMAIN || tickets == null) {
            Views.seeOther(response, destination.url());
            return;
        }
        // A followed next has this request's scheme and port (SignInLinks.destination checks it).
        String origin = SignInLinks.origin(request, destination.host());
        String pathOnly = destination.pathAndQuery();
        String location;
        if (handoff != null && isNonce(handoff)) {
            Caller caller = accounts.current();
            HttpSession session = request.getSession(false);
            if (caller.anonymous() || session == null) {
                Views.seeOther(response, request.getContextPath() + "/");
                return;
            }
            String ticket = tickets.issue(caller.user().id(), families.familyOf(session), destination.host(),
                    handoff);
            location = origin + "/-/session?ticket=" + ticket + "&next=" + Urls.encodeQuery(pathOnly);
        } else {
            location = origin + "/-/sign-in?next=" + Urls.encodeQuery(pathOnly);
        }
        if ("POST".equals(request.getMethod())) {
            response.setHeader("Refresh", "0; url=" + location);
            request.setAttribute("continueTo", location);
            request.setAttribute("continueHost", destination.host());
            Views.render(request, response, accounts.current(), "platform/continue", 200);
        } else {
            Views.seeOther(response, location);
        }
    }

    private static boolean isNonce(String value) {
        return value.length() == 32 && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /**
     * Signs in unless the account or address is throttled; false for wrong credentials. While throttled the password
     * is not even looked at, and a sign-in that succeeded just as a lock began is undone.
     */
    private boolean throttledSignIn(String username, String password, String address) {
        throttle.check(username, address);
        try {
            signIn(username, password);
        } catch (AuthenticationException | IllegalArgumentException e) {
            throttle.failed(username, address);
            return false;
        }
        try {
            throttle.succeeded(username, address);
        } catch (TooManyAttemptsException e) {
            SecurityUtils.getSubject().logout();
            throw e;
        }
        return true;
    }

    /**
     * Signs in and starts a new session: any session from before the login is dropped (no fixation). The session
     * remembers which password it was signed in with, so a password change signs it out.
     */
    private void signIn(String username, String password) {
        if (username == null || password == null) {
            throw new IllegalArgumentException("missing credentials");
        }
        Subject subject = SecurityUtils.getSubject();
        subject.logout();
        subject.login(new UsernamePasswordToken(username, password));
        accounts.stampSession();
    }

    private void logout(HttpServletRequest request, HttpServletResponse response, boolean post) {
        if (post) {
            SecurityUtils.getSubject().logout();
            // On a farm of several nodes, the sign-in every node honours goes too (auth.FarmPassFilter).
            FarmPassFilter.forget(request, response, links.cookieDomain());
        }
        Views.seeOther(response, request.getContextPath() + "/");
    }

    private void account(HttpServletRequest request, HttpServletResponse response, Caller caller, boolean post)
            throws ServletException, IOException {
        if (caller.anonymous()) {
            Views.seeOther(response, request.getContextPath() + "/login?next=/account");
            return;
        }
        int status = 200;
        if (post) {
            // Guessing the current password here is throttled like guessing it at the login form.
            String username = caller.user().username().value();
            String address = request.getRemoteAddr();
            try {
                throttle.check(username, address);
                try {
                    accounts.changePassword(caller, request.getParameter("current_password"),
                            request.getParameter("new_password"));
                } catch (WikifarmException.Forbidden wrongPassword) {
                    throttle.failed(username, address);
                    throw wrongPassword;
                }
                Views.seeOther(response, request.getContextPath() + "/account?password=changed");
                return;
            } catch (TooManyAttemptsException e) {
                response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
                request.setAttribute("passwordProblem", e.getMessage());
                status = 429;
            } catch (WikifarmException failure) {
                // A wrong current password is a 403 from the service, but here it is a mistake to fix on the form.
                request.setAttribute("passwordProblem", failure.getMessage());
                status = statusOf(failure);
            }
        } else {
            request.setAttribute("passwordChanged", "changed".equals(request.getParameter("password")));
        }
        request.setAttribute("mine", links(wikis.mine(caller, 200)));
        Views.render(request, response, caller, "platform/account", status);
    }

    private List<WikiLink> links(List<Wiki> found) {
        return found.stream().map(wiki -> new WikiLink(wiki, urls.baseUrl(wiki))).toList();
    }

    private static int statusOf(WikifarmException failure) {
        return org.wikifarm.error.ErrorStatus.of(failure);
    }
}
