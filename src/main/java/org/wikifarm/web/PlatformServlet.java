package org.wikifarm.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.subject.Subject;
import org.wikifarm.app.WikifarmException;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.LoginThrottle;
import org.wikifarm.auth.TooManyAttemptsException;
import org.wikifarm.auth.User;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.Wikis;

/** The platform's own screens: home (your wikis, public wikis, create one), sign-up, login, logout, account. */
public final class PlatformServlet extends HttpServlet {
    public static final String[] PATHS = {"", "/wikis", "/signup", "/login", "/logout", "/account"};
    private static final java.util.Set<String> SIGN_IN_FORMS = java.util.Set.of("/signup", "/login");

    private final Accounts accounts;
    private final Wikis wikis;
    private final TenantResolver urls;
    private final LoginThrottle throttle;

    public PlatformServlet(Accounts accounts, Wikis wikis, TenantResolver urls, LoginThrottle throttle) {
        this.accounts = accounts;
        this.wikis = wikis;
        this.urls = urls;
        this.throttle = throttle;
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
                default -> home(request, response, caller);
            }
        } catch (WikifarmException failure) {
            request.setAttribute("form", request.getParameterMap());
            Views.error(request, response, caller, failure);
        }
    }

    private void home(HttpServletRequest request, HttpServletResponse response, Caller caller)
            throws ServletException, IOException {
        if (!caller.anonymous()) {
            User user = caller.user();
            request.setAttribute("mine", links(wikis.listOwnedOrShared(user.id(), 200)));
        }
        request.setAttribute("publicWikis", links(wikis.listVisible(null, false, 100, 0)));
        Views.render(request, response, caller, "platform/home", 200);
    }

    private void createWiki(HttpServletRequest request, HttpServletResponse response, Caller caller, boolean post)
            throws IOException {
        if (!post) {
            Views.seeOther(response, request.getContextPath() + "/");
            return;
        }
        User owner = caller.asUser()
                .orElseThrow(() -> new WikifarmException.Unauthenticated("Sign in to create a wiki."));
        Wiki wiki = wikis.create(owner.id(), owner.username(), request.getParameter("slug"),
                request.getParameter("display_name"), request.getParameter("is_public") != null);
        Views.seeOther(response, urls.baseUrl(wiki) + "/");
    }

    private void signUp(HttpServletRequest request, HttpServletResponse response, Caller caller, boolean post)
            throws ServletException, IOException {
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
        }
        Views.seeOther(response, request.getContextPath() + "/");
    }

    private void login(HttpServletRequest request, HttpServletResponse response, Caller caller, boolean post)
            throws ServletException, IOException {
        if (!post) {
            request.setAttribute("next", safeNext(request.getParameter("next")));
            Views.render(request, response, caller, "platform/login", 200);
            return;
        }
        String problem;
        int status;
        try {
            if (throttledSignIn(request.getParameter("username"), request.getParameter("password"),
                    request.getRemoteAddr())) {
                String next = safeNext(request.getParameter("next"));
                Views.seeOther(response, next == null ? request.getContextPath() + "/" : next);
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
        request.setAttribute("next", safeNext(request.getParameter("next")));
        Views.render(request, response, Caller.ANONYMOUS, "platform/login", status);
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
        request.setAttribute("mine", links(wikis.listOwnedOrShared(caller.user().id(), 200)));
        Views.render(request, response, caller, "platform/account", status);
    }

    private List<WikiLink> links(List<Wiki> found) {
        return found.stream().map(wiki -> new WikiLink(wiki, urls.baseUrl(wiki))).toList();
    }

    /** Only same-site paths: a login link must never send people to another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return null;
        }
        return next;
    }

    private static int statusOf(WikifarmException failure) {
        return org.wikifarm.app.ErrorStatus.of(failure);
    }
}
