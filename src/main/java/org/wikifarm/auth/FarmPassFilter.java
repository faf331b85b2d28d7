package org.wikifarm.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.session.Session;
import org.apache.shiro.subject.Subject;

/**
 * Signing in once for every node of a farm (docs/scale-out.md, "Signing in on several nodes"). Each node keeps its own
 * sessions, and a browser's requests for a wiki go to the node that holds the wiki: so a person signed in on one node
 * carries a {@link FarmPass} cookie, and another node meeting it without a session of its own signs the person in
 * there (a session that remembers it came from the pass). A session that came from a pass lasts only as long as the
 * browser still carries a valid one: signing out (which removes it) or changing the password (which makes it stale)
 * ends the person's sessions on every node at their next request. A session signed in on this node gets a pass, with
 * the stamp of its password. Requests that bring their own credentials (HTTP Basic, a bearer token) are left alone.
 * Registered only on a farm of several nodes; after {@link CredentialsFilter}.
 */
public final class FarmPassFilter extends HttpFilter {
    private static final String FROM_PASS = FarmPassFilter.class.getName() + ".fromPass";

    private final FarmPass passes;
    private final Accounts accounts;
    private final String cookieDomain;

    /** @param cookieDomain in host mode the base domain, so the pass reaches every host under it; null in path mode */
    public FarmPassFilter(FarmPass passes, Accounts accounts, String cookieDomain) {
        this.passes = passes;
        this.accounts = accounts;
        this.cookieDomain = cookieDomain;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean browser = request.getHeader("Authorization") == null;
        Object before = null;
        if (browser) {
            carry(request, response, true);
            before = SecurityUtils.getSubject().getPrincipal();
        }
        chain.doFilter(request, response);
        if (browser && !response.isCommitted()
                && !java.util.Objects.equals(before, SecurityUtils.getSubject().getPrincipal())) {
            // Signed in by this very request (the login form, sign-up, a ticket): the pass goes with its answer. Only
            // then: a request that did not change who is signed in was looked at once, before.
            carry(request, response, false);
        }
    }

    /** @param signIn whether a valid pass may sign in a request that has no one signed in (not after sign-out) */
    private void carry(HttpServletRequest request, HttpServletResponse response, boolean signIn) {
        Subject subject = SecurityUtils.getSubject();
        Optional<FarmPass.Claim> claim = passes.read(cookie(request));
        Object principal = subject.getPrincipal();
        if (principal instanceof Long userId) {
            Session session = subject.getSession(false);
            boolean fromPass = session != null && session.getAttribute(FROM_PASS) != null;
            Optional<String> stamp = accounts.passwordStamp(userId);
            boolean valid = claim.isPresent() && claim.get().userId() == userId
                    && stamp.map(claim.get().stamp()::equals).orElse(false);
            if (fromPass && !valid) {
                subject.logout();
            } else if (!fromPass && !valid && stamp.isPresent()) {
                set(request, response, cookieDomain, passes.issue(userId, stamp.get()));
            }
            return;
        }
        if (signIn && principal == null && claim.isPresent()) {
            Optional<String> stamp = accounts.passwordStamp(claim.get().userId());
            if (stamp.map(claim.get().stamp()::equals).orElse(false)) {
                try {
                    subject.login(new TicketSignIn(claim.get().userId()));
                    subject.getSession().setAttribute(FROM_PASS, Boolean.TRUE);
                    accounts.stampSession();
                } catch (AuthenticationException e) {
                    set(request, response, cookieDomain, null);
                }
            } else {
                set(request, response, cookieDomain, null);
            }
        }
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (FarmPass.COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** Signing out: the browser's pass is removed, so every node's session that came from it ends. */
    public static void forget(HttpServletRequest request, HttpServletResponse response, String cookieDomain) {
        if (cookie(request) != null) {
            set(request, response, cookieDomain, null);
        }
    }

    /** Sets the pass (null: removes it): HttpOnly, SameSite=Lax, Secure over HTTPS, for the whole application. */
    private static void set(HttpServletRequest request, HttpServletResponse response, String cookieDomain,
                            String value) {
        Cookie cookie = new Cookie(FarmPass.COOKIE, value == null ? "" : value);
        if (cookieDomain != null) {
            cookie.setDomain(cookieDomain);
        }
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")));
        cookie.setAttribute("SameSite", "Lax");
        if (value == null) {
            cookie.setMaxAge(0);
        }
        response.addCookie(cookie);
    }
}
