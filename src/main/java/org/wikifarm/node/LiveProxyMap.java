package org.wikifarm.node;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.wikifarm.config.Settings;

/**
 * The proxy map kept in step with one wiki's change, live (docs/scale-out.md, "Live changes from the nodes"): what a
 * node calls after it commits a wiki's creation, move, new address or deletion to the placement table. Without a
 * runtime API (setting {@code haproxyRuntime} empty) every call does nothing and {@code wikifarm-map} keeps the map.
 */
public final class LiveProxyMap {
    private final Optional<HaproxyRuntime> runtime;
    private final String map;
    private final String baseDomain;

    /**
     * @param map        the map as HAProxy's configuration names it (setting {@code haproxyMap})
     * @param baseDomain the farm's base domain, or null in path mode
     */
    public LiveProxyMap(Optional<HaproxyRuntime> runtime, String map, String baseDomain) {
        this.runtime = runtime;
        this.map = map;
        this.baseDomain = baseDomain;
    }

    /** From the settings: {@code haproxyRuntime}, {@code haproxyMap}, {@code baseDomain}. */
    public static LiveProxyMap of(Settings settings) {
        return new LiveProxyMap(HaproxyRuntime.of(settings.cluster()), settings.cluster().haproxyMap(),
                settings.baseDomain());
    }

    /** Whether changes reach HAProxy live. */
    public boolean live() {
        return runtime.isPresent();
    }

    /** A new wiki (or one whose node changed): every key of it points at its node. */
    public void put(ProxyMap.Placed wiki) {
        runtime.ifPresent(haproxy -> haproxy.setAll(map, ProxyMap.entries(wiki, baseDomain)));
    }

    /**
     * A wiki that changed node or address ({@code before} → {@code after}): its keys now point at the new node, and
     * the keys it no longer has (an old custom slug, a removed domain, a renamed slug) are removed.
     */
    public void change(ProxyMap.Placed before, ProxyMap.Placed after) {
        runtime.ifPresent(haproxy -> {
            List<ProxyMap.Entry> now = ProxyMap.entries(after, baseDomain);
            haproxy.setAll(map, now);
            Set<String> kept = now.stream().map(ProxyMap.Entry::key).collect(Collectors.toSet());
            haproxy.deleteAll(map, ProxyMap.entries(before, baseDomain).stream()
                    .filter(entry -> !kept.contains(entry.key())).toList());
        });
    }

    /** A deleted wiki: its keys go, so its addresses reach any node (which answers 404). */
    public void remove(ProxyMap.Placed wiki) {
        runtime.ifPresent(haproxy -> haproxy.deleteAll(map, ProxyMap.entries(wiki, baseDomain)));
    }
}
