package org.wikifarm.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Sets the browser-hardening headers on every response, error pages and static files included. The content
 * security policy allows scripts only from our own origin (no inline scripts or event handlers, so an injected
 * {@code <script>} or {@code onerror=} that slipped past the sanitiser does not run) and no framing. Inline styles
 * stay allowed because EasyMDE sets them. In host mode forms may also lead to the platform's host and the wikis'
 * hosts (on any port): the log-out form of a wiki's host posts to the platform, creating a wiki or signing in there
 * answers with a redirect to {@code alice.<base>}, and browsers check redirects after a form against
 * {@code form-action}. Custom domains are not listed: after a form the way there is a page that continues by itself.
 */
public final class SecurityHeadersFilter extends HttpFilter {
    /** A host (and port) that cannot end the directive early. */
    private static final Pattern HOST = Pattern.compile("[a-z0-9.-]+(:[0-9]+)?");

    /**
     * The one document that may be framed, by our own pages only: the sandboxed frame a Mermaid diagram is drawn in
     * ({@code static/markdown.js}). Mermaid writes {@code <style>} into its SVGs, so the frame allows inline styles;
     * it still runs only our scripts, and being sandboxed (an opaque origin) it cannot reach the page, its cookies or
     * the API.
     */
    static final String DIAGRAM_FRAME = "/static/diagram.html";
    static final String DIAGRAM_FRAME_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'self'");

    private final String contentSecurityPolicy;

    /** @param baseDomain the host-mode base domain, or null in path mode */
    public SecurityHeadersFilter(String baseDomain) {
        this.contentSecurityPolicy = contentSecurityPolicy(baseDomain);
    }

    static String contentSecurityPolicy(String baseDomain) {
        return String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' https: data:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                baseDomain == null || !HOST.matcher(baseDomain).matches() ? "form-action 'self'"
                        : "form-action 'self' " + baseDomain + ":* *." + baseDomain + ":*",
                "frame-ancestors 'none'");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean frame = request.getRequestURI().equals(request.getContextPath() + DIAGRAM_FRAME);
        response.setHeader("Content-Security-Policy", frame ? DIAGRAM_FRAME_POLICY : contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", frame ? "SAMEORIGIN" : "DENY");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        chain.doFilter(request, response);
    }
}
