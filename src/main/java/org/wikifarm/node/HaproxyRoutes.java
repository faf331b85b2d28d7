package org.wikifarm.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
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

    /**
     * Puts the map right for the wikis {@code self} holds; answers how many keys it changed. Keys of a wiki that is
     * moving from or to {@code self} are left alone (the move points them itself), and the map is read before the
     * placement so that a move switching meanwhile is seen as moving, never undone.
     */
    public int reconcile(String self) {
        Map<String, String> now = runtime.show(map);
        List<ProxyMap.Entry> wanted = new ArrayList<>();
        Set<String> leftAlone = new HashSet<>();
        for (Row row : rows(self)) {
            List<ProxyMap.Entry> entries = ProxyMap.entries(row.wiki(), baseDomain);
            if (row.moving()) {
                entries.forEach(entry -> leftAlone.add(entry.key()));
            } else {
                wanted.addAll(entries);
            }
        }
        List<ProxyMap.Entry> changed = new ArrayList<>();
        Set<String> keys = new HashSet<>(leftAlone);
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

    /** A wiki that {@code self} holds or that is moving to it, with its address. */
    private record Row(ProxyMap.Placed wiki, boolean moving) {
    }

    private List<Row> rows(String self) {
        return db.withConnection(connection -> {
            Map<String, List<String>> domains = new java.util.HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT d.wiki_id, d.domain FROM wiki_domains d"
                    + " JOIN wikis w ON w.id = d.wiki_id WHERE w.node = ? OR w.moving_to = ?")) {
                query.setString(1, self);
                query.setString(2, self);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        domains.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(row.getString(2));
                    }
                }
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT w.id, u.username, w.slug,"
                    + " w.custom_slug, w.move_state FROM wikis w JOIN users u ON u.id = w.owner"
                    + " WHERE w.node = ? OR w.moving_to = ?")) {
                query.setString(1, self);
                query.setString(2, self);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String customSlug = row.getString(4);
                        rows.add(new Row(new ProxyMap.Placed(new Username(row.getString(2)), new Slug(row.getString(3)),
                                customSlug == null ? null : new Slug(customSlug),
                                domains.getOrDefault(row.getString(1), List.of()), self), row.getString(5) != null));
                    }
                }
            }
            return rows;
        });
    }
}
