package org.wikifarm.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.subject.Subject;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.SignInFamilies;
import org.wikifarm.auth.SignInTickets;
import org.wikifarm.auth.TicketSignIn;
import org.wikifarm.tenant.FarmHosts;

/**
 * Signing in and out on a wiki's own host, for wikis on a custom domain (which cannot read the platform's session
 * cookie). {@code <wiki>/-/sign-in?next=/Page} remembers a random nonce in a cookie of this host and sends the browser
 * to the platform's login with it; after signing in there, the platform sends the browser back to
 * {@code <wiki>/-/session?ticket=…&next=/Page}, which redeems the one-time ticket — only with the nonce cookie, so a
 * ticket cannot sign anyone else's browser in — and starts this host's own session. {@code <wiki>/-/logout} (a form
 * with the session's CSRF token) ends it together with the platform sign-in it came from. On any other host these
 * screens defer to the platform's own pages.
 */
public final class SignInHandoff {
    /** The cookie with the nonce of a sign-in started on this host; sent only to {@code /-/session}. */
    static final String NONCE_COOKIE = "wikifarm_sign_in";
    /** How long someone has to sign in on the platform before the started sign-in is forgotten. */
    static final int NONCE_SECONDS = 10 * 60;

    private final Accounts accounts;
    private final SignInLinks links;
    private final SignInTickets tickets;
    private final SignInFamilies families;
    private final SecureRandom random = new SecureRandom();

    public SignInHandoff(Accounts accounts, SignInLinks links, SignInTickets tickets, SignInFamilies families) {
        this.accounts = accounts;
        this.links = links;
        this.tickets = tickets;
        this.families = families;
    }

    /** {@code -/sign-in?next=}: starts signing in from this host. */
    void start(WikiRequest wiki) {
        HttpServletRequest request = wiki.request();
        String next = localPath(wiki.param("next"), wiki);
        if (!links.onCustomDomain(request)) {
            wiki.redirect(links.loginUrl(request, next));
            return;
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        setNonceCookie(wiki, nonce, NONCE_SECONDS);
        String back = SignInLinks.origin(request, FarmHosts.normalize(request.getHeader("Host"))) + next;
        wiki.redirect(links.platformOrigin(request) + "/login?next=" + Urls.encodeQuery(back) + "&handoff=" + nonce);
    }

    /** {@code -/session?ticket=&next=}: redeems a ticket from the platform and starts this host's session. */
    void finish(WikiRequest wiki) {
        HttpServletRequest request = wiki.request();
        String next = localPath(wiki.param("next"), wiki);
        Optional<SignInTickets.Claim> claim = tickets.redeem(wiki.param("ticket"),
                FarmHosts.normalize(request.getHeader("Host")), nonce(request));
        setNonceCookie(wiki, "", 0);
        if (claim.isEmpty()) {
            throw new WikifarmException.InvalidInput("sign_in_expired", "This sign-in link has expired or was used"
                    + " already, or the sign-in was started in another browser. Please sign in again.");
        }
        Subject subject = SecurityUtils.getSubject();
        subject.logout();
        try {
            subject.login(new TicketSignIn(claim.get().userId()));
        } catch (AuthenticationException e) {
            throw new WikifarmException.Forbidden("This account is disabled.");
        }
        subject.getSession().setAttribute(SignInFamilies.MEMBER, claim.get().family());
        accounts.stampSession();
        wiki.redirect(next);
    }

    /** {@code -/logout} (POST): signs out here and on the platform sign-in this session came from. */
    void logout(WikiRequest wiki) {
        if (!wiki.isPost()) {
            throw new WikifarmException.NotFound("no_such_screen", "Sign out with the Log out button.");
        }
        HttpSession session = wiki.request().getSession(false);
        Object family = session == null ? null : session.getAttribute(SignInFamilies.MEMBER);
        if (family != null) {
            families.end(family.toString());
        }
        SecurityUtils.getSubject().logout();
        wiki.redirect(wiki.request().getContextPath() + wiki.tenant().basePath() + "/");
    }

    /** A path inside this wiki's host to come back to; anything else is the wiki's start page. */
    private static String localPath(String next, WikiRequest wiki) {
        if (next == null || !next.startsWith("/") || next.startsWith("//")
                || next.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\')) {
            return wiki.request().getContextPath() + wiki.tenant().basePath() + "/";
        }
        return next;
    }

    private static String nonce(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NONCE_COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static void setNonceCookie(WikiRequest wiki, String value, int maxAge) {
        HttpServletRequest request = wiki.request();
        String path = request.getContextPath() + wiki.tenant().basePath() + "/-/session";
        wiki.response().addHeader("Set-Cookie", NONCE_COOKIE + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : ""));
    }
}
