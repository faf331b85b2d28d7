package org.wikifarm.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.wikifarm.error.WikifarmException;

/**
 * Synchronizer tokens for the web UI: every form that changes state carries the session's token in a hidden
 * {@code csrf} field, and a POST without the right one is refused with 403 before anything happens.
 */
public final class Csrf {
    public static final String FIELD = "csrf";
    private static final String ATTRIBUTE = Csrf.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** The session's token, creating the session and token on first use (a login form needs one too). */
    public static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(ATTRIBUTE);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = HexFormat.of().formatHex(bytes);
            session.setAttribute(ATTRIBUTE, token);
        }
        return token.toString();
    }

    public static void check(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        String sent = request.getParameter(FIELD);
        if (expected == null || sent == null || !MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            throw new WikifarmException.Forbidden(
                    "This form has expired or did not come from this site. Go back, reload the page and try again.");
        }
    }
}
