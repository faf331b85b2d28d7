package org.wikifarm.tenant;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;

/**
 * The wikis each user used last (platform table {@code recent_wikis}), newest first: the "Select wiki" screen lists
 * them first and {@code /} takes a returning user back to the newest. At most {@value #KEPT} per user are kept; a use
 * is written at most once every {@value #WRITE_MILLIS} ms per user and wiki, so reading does not become writing.
 */
public final class RecentWikis {
    /** How many recent wikis are kept per user. */
    public static final int KEPT = 20;
    private static final long WRITE_MILLIS = 60_000;
    private static final int REMEMBERED_WRITES = 10_000;

    private final PlatformDatabase db;
    private final Clock clock;
    /** When each (user, wiki) was last written, least recently written first; bounded. */
    private final Map<String, Long> written = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_WRITES;
        }
    };
    /** The last wiki each user used, so a use of the same wiki again costs nothing. */
    private final Map<Long, TenantId> newest = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TenantId> eldest) {
            return size() > REMEMBERED_WRITES;
        }
    };

    public RecentWikis(PlatformDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records that the user used the wiki now. */
    public void used(long userId, TenantId wiki) {
        long now = clock.millis();
        String key = userId + " " + wiki.value();
        synchronized (written) {
            Long last = written.get(key);
            if (last != null && now - last < WRITE_MILLIS && wiki.equals(newest.get(userId))) {
                return;
            }
            written.put(key, now);
            newest.put(userId, wiki);
        }
        db.withConnection(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO recent_wikis (user_id, wiki_id,"
                    + " used_at) VALUES (?, ?, ?) ON CONFLICT (user_id, wiki_id) DO UPDATE SET used_at = excluded.used_at");
                 PreparedStatement trim = connection.prepareStatement("DELETE FROM recent_wikis WHERE user_id = ?"
                         + " AND wiki_id NOT IN (SELECT wiki_id FROM recent_wikis WHERE user_id = ?"
                         + " ORDER BY used_at DESC LIMIT " + KEPT + ")")) {
                upsert.setLong(1, userId);
                upsert.setString(2, wiki.value());
                upsert.setString(3, Instant.ofEpochMilli(now).toString());
                upsert.executeUpdate();
                trim.setLong(1, userId);
                trim.setLong(2, userId);
                return trim.executeUpdate();
            }
        });
    }

    /** The wikis the user used, newest first (at most {@value #KEPT}); they may since have become unreadable. */
    public List<TenantId> of(long userId) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT wiki_id FROM recent_wikis"
                    + " WHERE user_id = ? ORDER BY used_at DESC LIMIT " + KEPT)) {
                query.setLong(1, userId);
                List<TenantId> ids = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        ids.add(new TenantId(row.getString(1)));
                    }
                }
                return ids;
            }
        });
    }
}
