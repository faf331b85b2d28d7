package org.wikifarm.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * {@link ProxyRoutes} through HAProxy's runtime API: a wiki created or moved here has every key of its address pointed
 * at this node at once ({@link #point}); and every {@link NodeDirectory#BEAT} this node puts right the keys of the
 * wikis it holds ({@link #reconcile}): an address that changed (a transfer, a custom slug, a domain) reaches the map
 * within a beat, keys that point here for a wiki that is gone or was renamed are removed, and a map HAProxy lost in a
 * restart is refilled. One {@code show map} and only the changed keys per round.
 */
public final class HaproxyRoutes implements ProxyRoutes {
    private final HaproxyRuntime runtime;
    private final String map;
    private final String baseDomain;
    private final WikiRepository wikis;
    private final PlatformDatabase db;

    public HaproxyRoutes(HaproxyRuntime runtime, String map, String baseDomain, WikiRepository wikis,
                         PlatformDatabase db) {
        this.runtime = runtime;
        this.map = map;
        this.baseDomain = baseDomain;
        this.wikis = wikis;
        this.db = db;
    }

    @Override
    public void point(TenantId id, String node) {
        Optional<Wiki> wiki = wikis.findById(id);
        if (wiki.isPresent()) {
            runtime.setAll(map, ProxyMap.entries(ProxyMap.Placed.of(wiki.get(), wikis.domains(id), node),
                    baseDomain));
        }
    }

    /** Puts the map right for the wikis {@code self} holds; answers how many keys it changed. */
    public int reconcile(String self) {
        List<ProxyMap.Entry> wanted = new ArrayList<>();
        for (ProxyMap.Placed wiki : PlacedWikis.read(db)) {
            if (self.equals(wiki.node())) {
                wanted.addAll(ProxyMap.entries(wiki, baseDomain));
            }
        }
        Map<String, String> now = runtime.show(map);
        List<ProxyMap.Entry> changed = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (ProxyMap.Entry entry : wanted) {
            keys.add(entry.key());
            if (!entry.node().equals(now.get(entry.key()))) {
                changed.add(entry);
            }
        }
        runtime.setAll(map, changed);
        List<ProxyMap.Entry> stale = now.entrySet().stream()
                .filter(entry -> entry.getValue().equals(self) && !keys.contains(entry.getKey()))
                .map(entry -> new ProxyMap.Entry(entry.getKey(), entry.getValue())).toList();
        runtime.deleteAll(map, stale);
        return changed.size() + stale.size();
    }
}
