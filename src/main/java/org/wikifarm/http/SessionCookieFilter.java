package org.wikifarm.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;

/**
 * The session cookie on custom domains. In host mode the container's session cookie names the base domain
 * ({@code Domain=<base>}, set at start-up), so one sign-in holds on the platform's host and every name under it. A
 * browser refuses that cookie from any other host, so a wiki on its own domain ({@code docs.example.com}) would never
 * keep a session: for requests to a host outside the base domain this filter also sends the session cookie without a
 * {@code Domain}, valid for that host only, whenever a session is made or its id changes. Path mode needs nothing
 * (the container's cookie is host-only there).
 */
public final class SessionCookieFilter extends HttpFilter {
    private final String baseDomain;

    /** @param baseDomain the host-mode base domain; null in path mode, where this filter does nothing */
    public SessionCookieFilter(String baseDomain) {
        this.baseDomain = baseDomain;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (baseDomain == null || underBaseDomain(request.getServerName())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HostOnlySession(request, response), response);
    }

    private boolean underBaseDomain(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return name.equals(baseDomain) || name.endsWith("." + baseDomain);
    }

    /** Sends a host-only session cookie whenever the session this request uses is not the one the browser sent. */
    private static final class HostOnlySession extends HttpServletRequestWrapper {
        private final HttpServletResponse response;
        private String sent;

        HostOnlySession(HttpServletRequest request, HttpServletResponse response) {
            super(request);
            this.response = response;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public HttpSession getSession(boolean create) {
            HttpSession session = super.getSession(create);
            if (session != null) {
                remember(session.getId());
            }
            return session;
        }

        @Override
        public String changeSessionId() {
            String id = super.changeSessionId();
            remember(id);
            return id;
        }

        private void remember(String id) {
            if (id.equals(sent) || (id.equals(getRequestedSessionId()) && isRequestedSessionIdValid())
                    || response.isCommitted()) {
                return;
            }
            SessionCookieConfig config = getServletContext().getSessionCookieConfig();
            String name = config.getName() == null ? "JSESSIONID" : config.getName();
            String path = getContextPath().isEmpty() ? "/" : getContextPath();
            response.addHeader("Set-Cookie", name + "=" + id + "; Path=" + path + "; HttpOnly; SameSite=Lax"
                    + (isSecure() ? "; Secure" : ""));
            sent = id;
        }
    }
}
