package org.wikifarm.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wikifarm.store.TenantId;

/**
 * The wikis this browser used last, newest first, in the cookie {@value #COOKIE}: how the "Select wiki" screen and
 * {@code /} remember a visitor before they sign in. It holds wiki ids only (a-z2-7, so no escaping) and at most
 * {@value #KEPT}; a value it cannot read is ignored. A wiki's screens name the wiki ({@code data-wiki} on the body)
 * and {@code static/wikifarm.js} writes the cookie, so page views set no cookie (anonymous views stay shareable by
 * caches); the server writes it only when it sends a browser back from a wiki that cannot be opened. Whatever it names, a wiki is shown only to someone who may read
 * it ({@code auth.WikiSelector}). In host mode it names the base domain, so the platform's host reads what a wiki's
 * host wrote; on a custom domain it is that host's own.
 */
final class BrowserWikis {
    static final String COOKIE = "wikifarm-wikis";
    /** A session cookie set when {@code /} has taken a browser to its last wiki, so later visits to {@code /} stay. */
    static final String ARRIVED = "wikifarm-arrived";
    static final int KEPT = 10;
    private static final int MAX_AGE_SECONDS = 365 * 24 * 3600;

    private final String baseDomain;

    /** @param baseDomain the host-mode base domain, or null in path mode */
    BrowserWikis(String baseDomain) {
        this.baseDomain = baseDomain == null ? null : baseDomain.toLowerCase(Locale.ROOT);
    }

    /** The wikis the request's cookie names, newest first. */
    static List<TenantId> of(HttpServletRequest request) {
        String value = cookie(request, COOKIE);
        List<TenantId> ids = new ArrayList<>();
        if (value == null || value.length() > KEPT * 13) {
            return ids;
        }
        int start = 0;
        while (start <= value.length() && ids.size() < KEPT) {
            int dot = value.indexOf('.', start);
            String id = value.substring(start, dot < 0 ? value.length() : dot);
            start = dot < 0 ? value.length() + 1 : dot + 1;
            if (TenantId.isValid(id)) {
                TenantId wiki = new TenantId(id);
                if (!ids.contains(wiki)) {
                    ids.add(wiki);
                }
            }
        }
        return ids;
    }

    /** Puts the wiki first in the cookie (sent only when that changes it). */
    void used(HttpServletRequest request, HttpServletResponse response, TenantId wiki) {
        List<TenantId> ids = of(request);
        if (!ids.isEmpty() && ids.get(0).equals(wiki)) {
            return;
        }
        ids.remove(wiki);
        ids.add(0, wiki);
        StringBuilder value = new StringBuilder();
        for (TenantId id : ids.subList(0, Math.min(KEPT, ids.size()))) {
            value.append(value.length() == 0 ? "" : ".").append(id.value());
        }
        response.addHeader("Set-Cookie", COOKIE + "=" + value + "; Max-Age=" + MAX_AGE_SECONDS + cookieScope(request));
    }

    /** Marks this browser session as one that has been to {@code /} already. */
    void arrived(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", ARRIVED + "=1" + cookieScope(request));
    }

    static boolean hasArrived(HttpServletRequest request) {
        return cookie(request, ARRIVED) != null;
    }

    private String cookieScope(HttpServletRequest request) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        String host = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        boolean underBase = baseDomain != null && (host.equals(baseDomain) || host.endsWith("." + baseDomain));
        return "; Path=" + path + (underBase ? "; Domain=" + baseDomain : "") + "; HttpOnly; SameSite=Lax"
                + (request.isSecure() ? "; Secure" : "");
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
