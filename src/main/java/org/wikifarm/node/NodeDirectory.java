package org.wikifarm.node;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wikifarm.store.PlatformDatabase;

/**
 * The {@code nodes} table: each node writes its own row when it starts and every {@link #BEAT} after (its address and
 * the free space of its data folder's disk). A node is live while its row is younger than {@link #LIVE}; placement
 * and moves consider only live nodes.
 */
public final class NodeDirectory {
    /** How often a node writes its row. */
    public static final Duration BEAT = Duration.ofSeconds(30);
    /** How old a row may be for its node to count as live: several beats, so one slow beat is no outage. */
    public static final Duration LIVE = Duration.ofSeconds(120);

    private final PlatformDatabase db;
    private final Clock clock;

    public NodeDirectory(PlatformDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Writes this node's row (inserted or brought up to date). */
    public void report(String name, String url, long freeBytes) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        db.withConnection(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO nodes (name, url, free_bytes,"
                    + " seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET url = excluded.url,"
                    + " free_bytes = excluded.free_bytes, seen_at = excluded.seen_at")) {
                upsert.setString(1, name);
                upsert.setString(2, url);
                upsert.setLong(3, freeBytes);
                upsert.setString(4, now);
                return upsert.executeUpdate();
            }
        });
    }

    /** Every node that ever reported, by name. */
    public List<NodeRow> all() {
        return db.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, url, free_bytes, seen_at FROM nodes ORDER BY name");
                 ResultSet rows = select.executeQuery()) {
                List<NodeRow> nodes = new ArrayList<>();
                while (rows.next()) {
                    nodes.add(new NodeRow(rows.getString(1), rows.getString(2), rows.getLong(3),
                            Instant.parse(rows.getString(4))));
                }
                return nodes;
            }
        });
    }

    /** The nodes whose row is fresh. */
    public List<NodeRow> live() {
        return all().stream().filter(this::isLive).toList();
    }

    public boolean isLive(NodeRow node) {
        return !node.seenAt().isBefore(clock.instant().minus(LIVE));
    }

    public Optional<NodeRow> find(String name) {
        return all().stream().filter(node -> node.name().equals(name)).findFirst();
    }
}
