package org.wikifarm.tenant;

import java.util.Locale;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * Which host names belong to this farm: in host mode the base domain, every name under it, and the custom domains
 * registered for wikis; in path mode only the host a request came to. Sign-in redirects and the session cookie are
 * decided here, so nothing can send a browser to, or hand a session to, a host that is not ours.
 */
public final class FarmHosts {
    private static final int MAX_DOMAIN = 253;

    /** What a host is to the farm. */
    public enum Kind {
        /** The base domain itself (and {@code www.}/{@code api.} in front of it): sign-in lives here. */
        PLATFORM,
        /** A name under the base domain: a user's or custom slug's wikis; shares the platform's session cookie. */
        SUBDOMAIN,
        /** A custom domain registered for a wiki: a site of its own, with a session of its own. */
        CUSTOM_DOMAIN,
        /** Not ours. */
        FOREIGN
    }

    private final String baseDomain;
    private final WikiDirectory directory;

    /** @param baseDomain lowercase base domain for host mode, or null for path mode */
    public FarmHosts(String baseDomain, WikiDirectory directory) {
        this.baseDomain = baseDomain;
        this.directory = directory;
    }

    public boolean hostMode() {
        return baseDomain != null;
    }

    /** The base domain, or null in path mode. */
    public String baseDomain() {
        return baseDomain;
    }

    /** The kind of a host (any case, maybe with a port); in path mode every host is the platform's. */
    public Kind kindOf(String host) {
        if (baseDomain == null) {
            return Kind.PLATFORM;
        }
        String name = TenantResolver.normalizeHost(host);
        if (name.isEmpty()) {
            return Kind.FOREIGN;
        }
        if (name.equals(baseDomain) || name.equals("www." + baseDomain) || name.equals("api." + baseDomain)) {
            return Kind.PLATFORM;
        }
        if (name.endsWith("." + baseDomain)) {
            return Kind.SUBDOMAIN;
        }
        String domain = name.startsWith("www.") || name.startsWith("api.") ? name.substring(4) : name;
        return directory.findByDomain(domain).isPresent() ? Kind.CUSTOM_DOMAIN : Kind.FOREIGN;
    }

    /** {@code host} lowercased, without port or trailing dot, as the farm compares host names. */
    public static String normalize(String host) {
        return TenantResolver.normalizeHost(host);
    }

    /**
     * A custom domain as an administrator typed it, checked: a DNS name of letters, digits and hyphens, at least two
     * labels, not an IP address, not the base domain or a name under it (those are the farm's own), and without a
     * leading {@code www.} or {@code api.} (those reach the same wiki by themselves).
     */
    public String checkCustomDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw invalid("A domain is required.");
        }
        String name = domain.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.length() > MAX_DOMAIN) {
            throw invalid("A domain may have at most " + MAX_DOMAIN + " characters.");
        }
        int labels = 0;
        String last = "";
        for (int start = 0; start <= name.length(); ) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            last = name.substring(start, end);
            if (last.isEmpty() || last.length() > 63 || last.startsWith("-") || last.endsWith("-")
                    || !last.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw invalid("Each part of a domain has 1 to 63 letters, digits or hyphens, and no hyphen at either"
                        + " end (write international names in their xn-- form).");
            }
            labels++;
            start = end + 1;
        }
        if (labels < 2) {
            throw invalid("A domain needs at least two labels, such as docs.example.com.");
        }
        if (last.chars().allMatch(Character::isDigit)) {
            throw invalid("A domain cannot be an IP address.");
        }
        if (name.startsWith("www.") || name.startsWith("api.")) {
            throw invalid("Leave out 'www.' or 'api.': they reach the wiki by themselves.");
        }
        if (baseDomain != null && (name.equals(baseDomain) || name.endsWith("." + baseDomain))) {
            throw invalid("Names under " + baseDomain + " belong to the farm; use a custom slug for those.");
        }
        return name;
    }

    private static InvalidInput invalid(String message) {
        return new InvalidInput("invalid_domain", message);
    }
}
