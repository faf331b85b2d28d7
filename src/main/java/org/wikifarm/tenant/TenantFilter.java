package org.wikifarm.tenant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.wikifarm.error.ErrorStatus;

/**
 * The first filter: resolves the wiki of every request and sets it for the rest of the chain (authentication needs
 * it for per-wiki tokens), clearing it in {@code finally}. An unknown wiki is a 404, and {@code /_wiki} cannot be
 * reached from outside. {@link WikiForwardFilter}, the last filter, hands wiki requests to the wiki servlets.
 */
public final class TenantFilter extends HttpFilter {
    private final TenantResolver resolver;
    private final Wikis wikis;
    private final WikiNodes nodes;

    public TenantFilter(TenantResolver resolver, Wikis wikis) {
        this(resolver, wikis, WikiNodes.ALONE);
    }

    /** @param nodes which node answers for each wiki: a request for a wiki held elsewhere is a 503, never served here */
    public TenantFilter(TenantResolver resolver, Wikis wikis, WikiNodes nodes) {
        this.resolver = resolver;
        this.wikis = wikis;
        this.nodes = nodes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(WikiForwardFilter.WIKI_PREFIX) || path.startsWith(WikiForwardFilter.WIKI_PREFIX + "/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is nothing here.");
            return;
        }
        Route route = resolver.resolve(request.getHeader("Host"), path, request.getQueryString());
        if (route instanceof Route.InWiki inWiki) {
            if (hasDotSegment(inWiki.remainder())) {
                // A forward normalises '..' away and could climb out of /_wiki (even into WEB-INF): refuse it here.
                response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                        "A path may not contain '.' or '..' segments.");
                return;
            }
            serveInWiki(inWiki, request, response, chain);
        } else if (route instanceof Route.Redirect redirect) {
            String location = redirect.location();
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location",
                    location.startsWith("//") ? request.getScheme() + ":" + location : location);
        } else if (route instanceof Route.NotFound) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is no such wiki.");
        } else {
            chain.doFilter(request, response);
        }
    }

    /** True when a raw path has a {@code .} or {@code ..} segment, also percent-encoded ({@code %2e%2E}). */
    static boolean hasDotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private void serveInWiki(Route.InWiki route, HttpServletRequest request, HttpServletResponse response,
                                    FilterChain chain) throws IOException, ServletException {
        Tenant tenant = route.tenant();
        String method = request.getMethod();
        WikiNodes.Refusal elsewhere = nodes.elsewhere(tenant.id(), "GET".equals(method) || "HEAD".equals(method));
        if (elsewhere != null) {
            response.setHeader("Retry-After", "2");
            request.setAttribute(ErrorStatus.CODE_ATTRIBUTE, elsewhere.code());
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, elsewhere.message());
            return;
        }
        request.setAttribute(CurrentTenant.ATTRIBUTE, tenant);
        request.setAttribute(WikiForwardFilter.REMAINDER, route.remainder());
        CurrentTenant.set(tenant);
        MDC.put("wiki", tenant.id().value());
        wikis.recordAccess(tenant.id());
        try (WikiNodes.Ticket ignored = nodes.begin(tenant.id())) {
            chain.doFilter(request, response);
        } finally {
            CurrentTenant.clear();
            MDC.remove("wiki");
        }
    }
}
