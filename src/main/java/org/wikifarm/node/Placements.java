package org.wikifarm.node;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.Freshness;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiNodes;

/**
 * Which node holds each wiki ({@code wikis.node}, {@code moving_to}, {@code move_state}), and this node's answers
 * from it ({@link WikiNodes}): a request for a wiki held elsewhere is refused with a 503 that says so (never served
 * from files left here), a moving wiki is read-only, and while a move switches over, the node it goes to already
 * answers reads. Rows are read through the platform database's bounded memory ({@link Freshness}): a change made here
 * is seen at once, one made by another node as soon as it tells this one ({@code /-node/changed}) and at the latest
 * after {@code authCacheSeconds}.
 *
 * <p>With the embedded platform database there is one node, and nothing is looked up: every wiki is here.
 */
public final class Placements implements WikiNodes {
    private static final int MAX_REMEMBERED = 10_000;

    private final PlatformDatabase db;
    private final String self;
    private final boolean several;
    private final NodeDirectory directory;
    private final PlacementPolicy policy;
    private final NodeClient client;
    private final ProxyRoutes routes;
    private final Freshness.Remembered<TenantId, Optional<Placement>> remembered;
    private final Set<TenantId> movingFromHere = ConcurrentHashMap.newKeySet();
    private final InFlight inFlight = new InFlight();

    /**
     * @param several whether other nodes may share the platform database (it is not the embedded file): only then
     *                is placement looked up
     */
    public Placements(PlatformDatabase db, String self, boolean several, NodeDirectory directory,
                      PlacementPolicy policy, NodeClient client, ProxyRoutes routes) {
        this.db = db;
        this.self = self;
        this.several = several;
        this.directory = directory;
        this.policy = policy;
        this.client = client;
        this.routes = routes;
        this.remembered = db.freshness().remembered(MAX_REMEMBERED);
    }

    @Override
    public String self() {
        return self;
    }

    /** The wiki's placement as remembered (at most {@code authCacheSeconds} old). */
    public Optional<Placement> of(TenantId wiki) {
        return remembered.get(wiki, this::read);
    }

    /** The wiki's placement read now. */
    public Optional<Placement> read(TenantId wiki) {
        return db.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT node, moving_to, move_state FROM wikis WHERE id = ?")) {
                select.setString(1, wiki.value());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Placement(row.getString(1), row.getString(2),
                            row.getString(3))) : Optional.<Placement>empty();
                }
            }
        });
    }

    @Override
    public Refusal elsewhere(TenantId wiki, boolean read) {
        if (!several) {
            return null;
        }
        Placement placement = of(wiki).orElse(null);
        if (placement == null || placement.node() == null || placement.node().equals(self)) {
            return null;
        }
        if (read && Placement.SWITCHING.equals(placement.state()) && self.equals(placement.movingTo())) {
            return null;
        }
        if (self.equals(placement.movingTo())) {
            return new Refusal("wiki_moving", "This wiki is being moved to this server (" + self + ") and takes no"
                    + " changes for a moment; nothing was changed. Try again in a few seconds.");
        }
        return new Refusal("wiki_elsewhere", "This wiki is served by node " + placement.node() + ", not by this one ("
                + self + "): the proxy has not caught up yet. Try again in a few seconds.");
    }

    @Override
    public boolean writable(TenantId wiki) {
        if (movingFromHere.contains(wiki)) {
            return false;
        }
        return !several || of(wiki).map(placement -> !placement.moving()).orElse(true);
    }

    @Override
    public Ticket begin(TenantId wiki) {
        return inFlight.begin(wiki);
    }

    @Override
    public String placeNew(TenantId wiki) {
        if (!several) {
            return self;
        }
        // Only a node the others can call (it has a nodeUrl) can be given a wiki by another.
        return policy.choose(wiki, directory.live().stream()
                .filter(node -> !node.url().isEmpty() || node.name().equals(self)).toList(), self);
    }

    @Override
    public void createOn(String node, Wiki wiki, boolean counted) {
        NodeRow target = directory.find(node).filter(row -> !row.url().isEmpty()).orElseThrow(() ->
                new WikifarmException.Unavailable("node_unreachable", "The server chosen for the new wiki (" + node
                        + ") cannot be reached. Nothing was created; try again."));
        client.create(target, wiki, counted);
    }

    @Override
    public void arrived(Wiki wiki) {
        routes.point(wiki.id(), self);
    }

    /**
     * Wikis from before placement ({@code node} NULL) whose files are in this node's data folder become this node's.
     * Answers how many.
     */
    public int claimUnplaced(Predicate<TenantId> hereOnDisk) {
        List<TenantId> unplaced = db.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM wikis WHERE node IS NULL");
                 ResultSet rows = select.executeQuery()) {
                List<TenantId> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(new TenantId(rows.getString(1)));
                }
                return ids;
            }
        });
        int claimed = 0;
        for (TenantId id : unplaced) {
            if (hereOnDisk.test(id)) {
                claimed += update("UPDATE wikis SET node = ? WHERE id = ? AND node IS NULL", self, id.value());
            }
        }
        if (claimed > 0) {
            db.changed();
        }
        return claimed;
    }

    /** Step 1 of a move: the wiki, held here and not moving, goes read-only ({@code copying} to {@code target}). */
    boolean beginMove(TenantId wiki, String target) {
        movingFromHere.add(wiki);
        boolean began = update("UPDATE wikis SET moving_to = ?, move_state = ? WHERE id = ? AND node = ?"
                + " AND move_state IS NULL", target, Placement.COPYING, wiki.value(), self) == 1;
        if (!began) {
            movingFromHere.remove(wiki);
        }
        db.changed();
        return began;
    }

    /** Step 2: the copy is restored on the target, which now answers reads too. */
    void switching(TenantId wiki) {
        update("UPDATE wikis SET move_state = ? WHERE id = ? AND node = ?", Placement.SWITCHING, wiki.value(), self);
        db.changed();
    }

    /** Step 3: the target holds the wiki. */
    void finishMove(TenantId wiki, String target) {
        update("UPDATE wikis SET node = ?, moving_to = NULL, move_state = NULL WHERE id = ? AND node = ?", target,
                wiki.value(), self);
        movingFromHere.remove(wiki);
        db.changed();
    }

    /** A move that failed: the wiki stays here and may change again. */
    void abortMove(TenantId wiki) {
        update("UPDATE wikis SET moving_to = NULL, move_state = NULL WHERE id = ? AND node = ?", wiki.value(), self);
        movingFromHere.remove(wiki);
        db.changed();
    }

    /** This node holds the wiki from now on (its files were put back here from a snapshot, {@link Adoption}). */
    void adopt(TenantId wiki) {
        update("UPDATE wikis SET node = ?, moving_to = NULL, move_state = NULL WHERE id = ?", self, wiki.value());
        db.changed();
    }

    /** Waits for the wiki's requests that began before now (see {@link InFlight}). */
    boolean drain(TenantId wiki, java.time.Duration wait) throws InterruptedException {
        return inFlight.drain(wiki, wait);
    }

    /** How many wikis each node holds (unplaced ones under the empty name). */
    public java.util.Map<String, Integer> countsByNode() {
        return db.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT coalesce(node, ''), count(*) FROM wikis GROUP BY coalesce(node, '')");
                 ResultSet rows = select.executeQuery()) {
                java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
                return counts;
            }
        });
    }

    private int update(String sql, String... values) {
        return db.withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    update.setString(i + 1, values[i]);
                }
                return update.executeUpdate();
            }
        });
    }
}
