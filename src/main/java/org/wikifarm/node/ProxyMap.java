package org.wikifarm.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;

/**
 * The HAProxy map that sends each request to the node holding its wiki ({@code deploy/haproxy/haproxy.cfg},
 * docs/scale-out.md). A map line is {@code <key> <node>}; the value is the node's name, which is also the name of
 * its HAProxy backend (node names are {@code [a-z0-9-]}, so no node can be called {@link #DEFAULT_BACKEND}).
 *
 * <p>The configuration looks a request up under three keys, in this order, each an exact match, and takes the first
 * found ({@link #lookupKeys}); a request no key finds (platform routes, unknown wikis) goes to
 * {@link #DEFAULT_BACKEND}, which balances over every node:
 * <ol>
 *   <li>{@code /<segment 1>/<segment 2>} of the raw path: path mode's {@code /alice/notes} (and {@code /alice/notes.git}).</li>
 *   <li>{@code <host>/<segment 1>}: host mode's {@code alice.farm.example/notes} (and {@code …/notes.git}).</li>
 *   <li>{@code <host>}: host mode's {@code team.farm.example} (a custom slug) and custom domains {@code docs.example.org}.</li>
 * </ol>
 * {@code <host>} is the Host header lowercased, without port or trailing dot, with one {@code www.} or {@code api.}
 * in front removed — the same normalisation as {@code tenant.TenantResolver}. Path keys start with {@code /} and host
 * keys never do, so one configuration serves both modes: the map of a path-mode farm holds path keys only, the map of
 * a host-mode farm host keys only. Matches are exact, so {@code /alice/notes2} never finds {@code /alice/notes}.
 */
public final class ProxyMap {
    /** The backend of requests that name no wiki of the map: every node, balanced. */
    public static final String DEFAULT_BACKEND = "all_nodes";

    private static final String GIT = ".git";

    private ProxyMap() {
    }

    /** One line of the map. Keys and node names never hold whitespace (HAProxy splits map lines on it). */
    public record Entry(String key, String node) {
        public Entry {
            checkKey(key);
            checkNode(node);
        }

        @Override
        public String toString() {
            return key + " " + node;
        }
    }

    /**
     * A wiki's address and the node that holds it: what the map is made of.
     *
     * @param customSlug the wiki's custom slug, or null
     * @param domains    its custom domains as stored (lowercase, no {@code www.}/{@code api.}, never under the base)
     */
    public record Placed(Username owner, Slug slug, Slug customSlug, List<String> domains, String node) {
        public Placed {
            domains = List.copyOf(domains);
            checkNode(node);
        }

        public static Placed of(Wiki wiki, List<String> domains, String node) {
            return new Placed(wiki.owner(), wiki.slug(), wiki.customSlug(), domains, node);
        }
    }

    /**
     * The map entries that route one wiki to its node.
     *
     * @param baseDomain the farm's base domain (host mode), or null/empty for path mode
     */
    public static List<Entry> entries(Placed wiki, String baseDomain) {
        List<Entry> entries = new ArrayList<>();
        String owner = wiki.owner().value();
        String slug = wiki.slug().value();
        if (baseDomain == null || baseDomain.isEmpty()) {
            entries.add(new Entry("/" + owner + "/" + slug, wiki.node()));
            entries.add(new Entry("/" + owner + "/" + slug + GIT, wiki.node()));
            return entries;
        }
        String base = baseDomain.toLowerCase(Locale.ROOT);
        // Also for a wiki with a custom slug: its node answers there with the redirect to the custom slug's host.
        entries.add(new Entry(owner + "." + base + "/" + slug, wiki.node()));
        entries.add(new Entry(owner + "." + base + "/" + slug + GIT, wiki.node()));
        if (wiki.customSlug() != null) {
            entries.add(new Entry(wiki.customSlug().value() + "." + base, wiki.node()));
        }
        for (String domain : wiki.domains()) {
            // The farm never resolves its own names as custom domains (FarmHosts refuses them): no entry.
            if (!domain.equals(base) && !domain.endsWith("." + base)) {
                entries.add(new Entry(domain, wiki.node()));
            }
        }
        return entries;
    }

    /** The entries of every wiki, sorted by key. Wikis without a node (not yet claimed) are left out. */
    public static List<Entry> entries(Collection<Placed> wikis, String baseDomain) {
        Map<String, Entry> byKey = new TreeMap<>();
        for (Placed wiki : wikis) {
            for (Entry entry : entries(wiki, baseDomain)) {
                byKey.put(entry.key(), entry);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** The map file: a comment line, then one {@code key node} line per entry. */
    public static String text(List<Entry> entries) {
        StringBuilder text = new StringBuilder("# Wikifarm: wiki key -> node (generated by 'wikifarm proxy-map';"
                + " see docs/scale-out.md)\n");
        for (Entry entry : entries) {
            text.append(entry.key()).append(' ').append(entry.node()).append('\n');
        }
        return text.toString();
    }

    /**
     * The same map for nginx's {@code map} blocks ({@code include}d there): {@code key node;} lines
     * (deploy/nginx/README.md). Keys are letters, digits, {@code - . /} only, so none needs quoting.
     */
    public static String nginxText(List<Entry> entries) {
        StringBuilder text = new StringBuilder("# Wikifarm: wiki key -> node (generated by 'wikifarm proxy-map"
                + " --format nginx'; see deploy/nginx/README.md)\n");
        for (Entry entry : entries) {
            text.append(entry.key()).append(' ').append(entry.node()).append(";\n");
        }
        return text.toString();
    }

    /**
     * The keys HAProxy's configuration looks a request up under, in order: what {@code deploy/haproxy/haproxy.cfg}
     * computes, written again in Java so that tests can hold it against {@code TenantResolver}:
     * {@code path,field(1,/,3)}, then {@code <host>/} + {@code path,field(2,/)}, then {@code <host>}.
     *
     * @param host the Host header as sent (may be null)
     * @param path the raw request path (no query)
     */
    public static List<String> lookupKeys(String host, String path) {
        List<String> parts = List.of(path.split("/", -1));
        String pathKey = String.join("/", parts.subList(0, Math.min(3, parts.size())));
        String first = parts.size() > 1 ? parts.get(1) : "";
        String name = normalizeHost(host);
        return name.isEmpty() ? List.of(pathKey) : List.of(pathKey, name + "/" + first, name);
    }

    /** The node the map sends a request to, or empty for {@link #DEFAULT_BACKEND}. */
    public static Optional<String> route(Map<String, String> map, String host, String path) {
        for (String key : lookupKeys(host, path)) {
            String node = map.get(key);
            if (node != null) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    /**
     * The host as the configuration normalises it: {@code req.hdr(host),field(1,:),lower}, a trailing dot removed,
     * then one {@code www.} or {@code api.} in front removed.
     */
    static String normalizeHost(String host) {
        if (host == null) {
            return "";
        }
        int colon = host.indexOf(':');
        String name = (colon < 0 ? host : host.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.startsWith("www.") || name.startsWith("api.")) {
            name = name.substring(4);
        }
        return name;
    }

    /** Returns the key if HAProxy reads it as one word of a map line (and of a runtime API command). */
    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 300) {
            throw new IllegalArgumentException("A map key has 1 to 300 characters.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            // ';' separates commands on HAProxy's runtime API: a key holding one would be a second command.
            if (c <= ' ' || c >= 0x7f || c == '#' || c == '\\' || c == ';') {
                throw new IllegalArgumentException(
                        "A map key may not hold spaces, control characters, '#', ';' or '\\'.");
            }
        }
        return key;
    }

    static void checkNode(String node) {
        if (node == null || node.isEmpty() || node.length() > 40 || !node.chars().allMatch(
                c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            throw new IllegalArgumentException("A node name is 1-40 characters of a-z, 0-9 and '-'.");
        }
    }
}
