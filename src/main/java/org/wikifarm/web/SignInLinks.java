package org.wikifarm.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.wikifarm.tenant.CurrentTenant;
import org.wikifarm.tenant.FarmHosts;

/**
 * Where signing in, signing up, signing out and the account live, seen from the host a page is on, and which
 * {@code next} addresses may be followed after signing in.
 * <ul>
 *   <li>Path mode, and the platform's own host: the platform's paths ({@code /login?next=/alice/notes/Page}).</li>
 *   <li>A host under the base domain ({@code alice.<base>}): the platform's host, with the page's full address as
 *       {@code next}; the session cookie is the platform's, valid on every name under the base domain.</li>
 *   <li>A custom domain: signing in starts on the wiki's own host ({@code /-/sign-in}), which hands over to the
 *       platform and gets its own session back by a one-time ticket; signing out is the wiki host's {@code /-/logout},
 *       which ends the platform sign-in too. Account and sign-up are the platform's.</li>
 * </ul>
 * A {@code next} is followed only to this farm: a path on the same host, or (host mode) an http(s) address on the
 * base domain, a name under it or a registered custom domain, on the port the request came to, and over https when
 * the request was — never anywhere else, so the login form is no open redirect.
 */
public final class SignInLinks {
    /** The servlet context attribute that holds the instance, for {@link Views}. */
    public static final String ATTRIBUTE = SignInLinks.class.getName();

    private final FarmHosts hosts;

    public SignInLinks(FarmHosts hosts) {
        this.hosts = hosts;
    }

    /** The domain of cookies every host of the farm shares: the base domain in host mode, null in path mode. */
    public String cookieDomain() {
        return hosts.baseDomain();
    }

    /** The links of the page header. {@code logout} is where the sign-out form posts. */
    public record Links(String home, String login, String signup, String account, String admin, String logout) {
    }

    /** A checked {@code next}: its host's kind, the address to send the browser to, and its path on that host. */
    public record Destination(FarmHosts.Kind kind, String url, String host, String pathAndQuery) {
    }

    public Links of(HttpServletRequest request) {
        FarmHosts.Kind here = hosts.kindOf(request.getHeader("Host"));
        String platform = platformOrigin(request);
        boolean inWiki = request.getAttribute(CurrentTenant.ATTRIBUTE) != null;
        String current = currentUri(request);
        if (!hosts.hostMode() || here == FarmHosts.Kind.PLATFORM || here == FarmHosts.Kind.FOREIGN) {
            String next = inWiki ? "?next=" + Urls.encodeQuery(current) : "";
            return new Links(platform + "/", platform + "/login" + next, platform + "/signup" + next,
                    platform + "/account", platform + "/admin", platform + "/logout");
        }
        String back = "?next=" + Urls.encodeQuery(absolute(request, current));
        if (here == FarmHosts.Kind.CUSTOM_DOMAIN) {
            return new Links(platform + "/", loginUrl(request, current), platform + "/signup" + back,
                    platform + "/account", platform + "/admin", request.getContextPath() + "/-/logout");
        }
        return new Links(platform + "/", platform + "/login" + back, platform + "/signup" + back,
                platform + "/account", platform + "/admin", platform + "/logout");
    }

    /** Where to send someone who must sign in to see {@code returnTo} (a path and query on this request's host). */
    public String loginUrl(HttpServletRequest request, String returnTo) {
        FarmHosts.Kind here = hosts.kindOf(request.getHeader("Host"));
        if (here == FarmHosts.Kind.CUSTOM_DOMAIN) {
            return request.getContextPath() + "/-/sign-in?next=" + Urls.encodeQuery(returnTo);
        }
        if (hosts.hostMode() && here == FarmHosts.Kind.SUBDOMAIN) {
            return platformOrigin(request) + "/login?next=" + Urls.encodeQuery(absolute(request, returnTo));
        }
        return request.getContextPath() + "/login?next=" + Urls.encodeQuery(returnTo);
    }

    /** The platform's address: its context path in path mode, {@code scheme://<base>[:port]} in host mode. */
    public String platformOrigin(HttpServletRequest request) {
        if (!hosts.hostMode()) {
            return request.getContextPath();
        }
        return origin(request, hosts.baseDomain()) + request.getContextPath();
    }

    /** {@code scheme://<host>[:port]} of this request's scheme and port. */
    public static String origin(HttpServletRequest request, String host) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https")
                && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    /** Whether this request came to a wiki's custom domain. */
    public boolean onCustomDomain(HttpServletRequest request) {
        return hosts.kindOf(request.getHeader("Host")) == FarmHosts.Kind.CUSTOM_DOMAIN;
    }

    /** The {@code next} to keep in a sign-in form, or null when it may not be followed. */
    public String safeNext(HttpServletRequest request, String next) {
        return destination(request, next).map(destination -> next).orElse(null);
    }

    /** Where a {@code next} leads, if it may be followed at all (see the class comment). */
    public Optional<Destination> destination(HttpServletRequest request, String next) {
        if (next == null || next.isEmpty() || next.length() > 4096
                || next.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\')) {
            return Optional.empty();
        }
        String here = FarmHosts.normalize(request.getHeader("Host"));
        if (next.startsWith("/") && !next.startsWith("//")) {
            return Optional.of(new Destination(hosts.kindOf(request.getHeader("Host")), next, here, next));
        }
        if (!hosts.hostMode()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(next);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http") && !request.isSecure()) || uri.isOpaque()
                || uri.getRawUserInfo() != null || uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort() < 0 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        int requestPort = request.getServerPort() > 0 ? request.getServerPort() : request.isSecure() ? 443 : 80;
        if (port != requestPort || !scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        FarmHosts.Kind kind = hosts.kindOf(uri.getHost());
        if (kind == FarmHosts.Kind.FOREIGN) {
            return Optional.empty();
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return Optional.of(new Destination(kind, next, FarmHosts.normalize(uri.getHost()), pathAndQuery));
    }

    /** This request's address on its own host: the path and query the browser asked for (before any forward). */
    static String currentUri(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        String path = forwarded == null ? request.getRequestURI() : forwarded.toString();
        Object forwardedQuery = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
        String query = forwarded == null ? request.getQueryString()
                : forwardedQuery == null ? null : forwardedQuery.toString();
        return query == null ? path : path + "?" + query;
    }

    /** {@code pathAndQuery} on this request's host, as a full address. */
    private String absolute(HttpServletRequest request, String pathAndQuery) {
        return origin(request, FarmHosts.normalize(request.getHeader("Host"))) + pathAndQuery;
    }
}
