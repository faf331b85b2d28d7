package org.wikifarm.mcp;

import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The Origin check the MCP transport spec asks for against DNS rebinding. A request without {@code Origin} (every
 * non-browser client) passes. A browser's {@code Origin} must name the very host the request was sent to, and that
 * host must be one the farm really answers to: in host mode the tenant filter has already refused every host that is
 * not the farm's; in path mode, which answers any Host, only loopback names count ({@code localhost}, {@code
 * 127.0.0.1}, {@code [::1]}) — a rebound attacker's domain never does. Anything else is a 403.
 *
 * <p>The SDK's {@code DefaultServerTransportSecurityValidator} only knows fixed lists of origins and hosts; a farm's
 * hosts are its wikis', so the rule is written here and handed to the SDK's transport as well.
 */
final class OriginPolicy implements ServerHttpHeaderValidator {
    private final boolean hostMode;

    /** @param hostMode whether the tenant filter resolves wikis by host (a base domain is set) */
    OriginPolicy(boolean hostMode) {
        this.hostMode = hostMode;
    }

    @Override
    public void validate(HeaderAccessor headers) throws ServerTransportSecurityException {
        if (!allows(first(headers.getHeader("Origin")), first(headers.getHeader("Host")))) {
            throw new ServerTransportSecurityException(403, "Invalid Origin header");
        }
    }

    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        Authority from = Authority.ofOrigin(origin);
        if (from == null || host == null) {
            return false;
        }
        Authority to = Authority.ofHost(host, from.port());
        if (to == null || !from.equals(to)) {
            return false;
        }
        return hostMode || to.loopback();
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A lowercase host name (IPv6 in brackets) and a port. */
    record Authority(String host, int port) {
        boolean loopback() {
            return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        }

        /** {@code https://wiki.example.org} → (wiki.example.org, 443); null for {@code null}, paths or other schemes. */
        static Authority ofOrigin(String origin) {
            try {
                URI uri = new URI(origin.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                int defaultPort = switch (scheme) {
                    case "http" -> 80;
                    case "https" -> 443;
                    default -> -1;
                };
                boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty();
                if (defaultPort < 0 || uri.getHost() == null || !bare || uri.getRawQuery() != null
                        || uri.getRawUserInfo() != null) {
                    return null;
                }
                String host = uri.getHost().toLowerCase(Locale.ROOT);
                return new Authority(host, uri.getPort() < 0 ? defaultPort : uri.getPort());
            } catch (URISyntaxException e) {
                return null;
            }
        }

        /** The Host header; without a port it means the origin's default port. */
        static Authority ofHost(String hostHeader, int defaultPort) {
            String value = hostHeader.strip().toLowerCase(Locale.ROOT);
            int colon = value.startsWith("[") ? value.indexOf(':', value.indexOf(']')) : value.lastIndexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            if (name.isEmpty()) {
                return null;
            }
            try {
                return new Authority(name, colon < 0 ? defaultPort : Integer.parseInt(value.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
