package org.wikifarm.node;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;

/** Every wiki that a node holds, with its address, read from the placement table: what the proxy map is made of. */
public final class PlacedWikis {
    private PlacedWikis() {
    }

    /** Wikis with a node ({@code wikis.node}), by owner and slug; wikis not yet claimed by a node are left out. */
    public static List<ProxyMap.Placed> read(PlatformDatabase db) {
        return db.withConnection(connection -> {
            Map<String, List<String>> domains = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT d.wiki_id, d.domain"
                    + " FROM wiki_domains d JOIN wikis w ON w.id = d.wiki_id WHERE w.node IS NOT NULL"
                    + " ORDER BY d.domain");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    domains.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(row.getString(2));
                }
            }
            Map<String, ProxyMap.Placed> wikis = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT w.id, u.username, w.slug,"
                    + " w.custom_slug, w.node FROM wikis w JOIN users u ON u.id = w.owner WHERE w.node IS NOT NULL"
                    + " ORDER BY u.username, w.slug");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String customSlug = row.getString(4);
                    wikis.put(row.getString(1), new ProxyMap.Placed(new Username(row.getString(2)),
                            new Slug(row.getString(3)), customSlug == null ? null : new Slug(customSlug),
                            domains.getOrDefault(row.getString(1), List.of()), row.getString(5)));
                }
            }
            return List.copyOf(wikis.values());
        });
    }
}
