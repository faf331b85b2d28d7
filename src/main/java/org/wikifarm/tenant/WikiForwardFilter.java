package org.wikifarm.tenant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The last filter: a request inside a wiki is served from the internal path {@code /_wiki/<rest>}, so one set of
 * servlets (API, UI, MCP, git) serves every wiki whatever its URL shape (path mode, user host, custom slug,
 * custom domain).
 */
public final class WikiForwardFilter extends HttpFilter {
    /** Where wiki requests are forwarded to; its first segment can never be a username. */
    public static final String WIKI_PREFIX = "/_wiki";
    static final String REMAINDER = WikiForwardFilter.class.getName() + ".remainder";
    /** Where a wiki's git endpoint lives inside it: {@code <wiki>.git} and {@code <wiki>/.git} both lead here. */
    public static final String GIT = "/.git";

    /** Whether the request is for a wiki's git endpoint (clone, fetch, push). */
    public static boolean gitRequest(HttpServletRequest request) {
        Object remainder = request.getAttribute(REMAINDER);
        return remainder != null && (remainder.equals(GIT) || remainder.toString().startsWith(GIT + "/"));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object remainder = request.getAttribute(REMAINDER);
        if (remainder == null) {
            chain.doFilter(request, response);
            return;
        }
        String target = WIKI_PREFIX + (remainder.toString().isEmpty() ? "/" : remainder);
        String query = request.getQueryString();
        RequestDispatcher dispatcher = request.getRequestDispatcher(query == null ? target : target + "?" + query);
        if (dispatcher == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "That path is not allowed.");
            return;
        }
        dispatcher.forward(request, response);
    }
}
