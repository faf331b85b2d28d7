package org.wikifarm.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSnapshots;

/**
 * Moves a wiki from the node that holds it to another, with the snapshot machinery (docs/scale-out.md, "Moving a
 * wiki"). On the node that holds it: the wiki goes read-only (writes get 503 {@code wiki_moving}, reads go on), the
 * requests that began before are waited for, a snapshot is taken and sent with the wiki's own snapshots to the target,
 * which checks it as a restore does and puts it in place; then both nodes answer reads while the proxy is switched
 * and for a second after ({@link #SETTLE}: requests routed here just before the switch), the target becomes the
 * wiki's node, and the copy left here is removed after {@code moveGraceSeconds}. Any failure
 * before the switch puts everything back: the wiki stays here and writable, the target's copy is discarded. A move
 * asked of a node that does not hold the wiki is passed to the one that does.
 */
public final class Mover {
    private static final Logger LOG = LoggerFactory.getLogger(Mover.class);
    /** How long a move waits for the wiki's requests that began before it went read-only. */
    static final Duration DRAIN = Duration.ofSeconds(30);
    /**
     * How long both nodes go on answering reads after the proxy was switched, before the target takes the wiki: a
     * request the proxy sent here just before the switch may reach this node's filters a little later (a busy node,
     * a queue), and must not be refused then (ScaleOutIT saw one, 10 ms late).
     */
    static final Duration SETTLE = Duration.ofSeconds(1);
    /** The largest copy a node accepts (64 GiB): only the farm's nodes can send one, and the disk bounds it too. */
    public static final long MAX_COPY_BYTES = 64L << 30;

    private final Placements placements;
    private final NodeDirectory directory;
    private final NodeClient client;
    private final OpenWikis files;
    private final MovedCopies oldCopies;
    private final ProxyRoutes routes;
    private final Consumer<TenantId> arrived;
    private final Clock clock;
    private final long maxCopyBytes;

    /**
     * @param arrived      what follows a wiki's arrival here (its search index rebuilt, its usage measured)
     * @param maxCopyBytes the largest copy this node accepts
     */
    public Mover(Placements placements, NodeDirectory directory, NodeClient client, OpenWikis files,
                 MovedCopies oldCopies, ProxyRoutes routes, Consumer<TenantId> arrived,
                 Clock clock, long maxCopyBytes) {
        this.placements = placements;
        this.directory = directory;
        this.client = client;
        this.files = files;
        this.oldCopies = oldCopies;
        this.routes = routes;
        this.arrived = arrived;
        this.clock = clock;
        this.maxCopyBytes = maxCopyBytes;
    }

    /** Moves the wiki to {@code target}, here or through the node that holds it; returns when it is done. */
    public Moved move(TenantId wiki, String target) {
        Placement placement = placements.read(wiki).orElseThrow(() ->
                new WikifarmException.NotFound("wiki_not_found", "There is no such wiki."));
        String self = placements.self();
        if (placement.node() == null) {
            throw new WikifarmException.Conflict("wiki_not_placed", "No node has claimed this wiki yet (it is"
                    + " claimed by the node whose data folder holds it when that node starts).");
        }
        if (placement.moving()) {
            throw new WikifarmException.Conflict("move_in_progress", "This wiki is already being moved to "
                    + placement.movingTo() + ".");
        }
        if (placement.node().equals(target)) {
            throw new WikifarmException.Conflict("already_there", "This wiki is already on node " + target + ".");
        }
        NodeRow to = liveNode(target);
        if (!placement.node().equals(self)) {
            JsonNode done = client.move(liveNode(placement.node()), wiki, target);
            return new Moved(done.path("wiki").asText(), done.path("from").asText(), done.path("to").asText(),
                    done.path("commit").asText(null), done.path("copyBytes").asLong(),
                    done.path("readOnlyMillis").asLong());
        }
        return moveFromHere(wiki, to);
    }

    /**
     * After the switch and before the target takes writes: the requests on their way here, or running here, finish
     * while the wiki is still switching — both nodes serve reads of the same content, neither takes a write.
     */
    private void settle(TenantId wiki) throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
        if (!placements.drain(wiki, DRAIN)) {
            LOG.warn("Reads of wiki {} still running here {} s after the switch; the target takes it now", wiki,
                    DRAIN.toSeconds());
        }
    }

    private Moved moveFromHere(TenantId wiki, NodeRow to) {
        if (!placements.beginMove(wiki, to.name())) {
            throw new WikifarmException.Conflict("move_in_progress", "This wiki is being moved already, or is not"
                    + " held by this node any more. Nothing was changed.");
        }
        long readOnlySince = System.nanoTime();
        Path zip = files.wikisDir().resolve(".move-" + UUID.randomUUID() + ".zip");
        String snapshot = null;
        boolean switched = false;
        try {
            if (!placements.drain(wiki, DRAIN)) {
                throw new WikifarmException.Conflict("wiki_busy", "Requests to this wiki did not finish within "
                        + DRAIN.toSeconds() + " seconds; the move was called off and nothing was changed.");
            }
            WikiSnapshots.Snapshot taken;
            try (WikiLease lease = files.acquire(wiki)) {
                taken = WikiSnapshots.take(lease, clock.instant());
            }
            snapshot = taken.id();
            try (OutputStream out = Files.newOutputStream(zip)) {
                CopyArchive.write(files.dir(wiki), snapshot, out);
            }
            long copyBytes = Files.size(zip);
            String commit = client.sendCopy(to, wiki, zip);
            if (!Objects.equals(commit, taken.manifest().commit())) {
                throw new WikifarmException.Unavailable("move_failed", "Node " + to.name() + " restored the wiki at"
                        + " commit " + commit + ", not " + taken.manifest().commit() + "; the move was called off.");
            }
            placements.switching(wiki);
            client.changed(to);
            switched = true;
            routes.point(wiki, to.name());
            settle(wiki);
            placements.finishMove(wiki, to.name());
            long readOnlyMillis = (System.nanoTime() - readOnlySince) / 1_000_000;
            oldCopies.movedAway(wiki);
            LOG.info("Moved wiki {} to node {} ({} bytes, read-only for {} ms)", wiki, to.name(), copyBytes,
                    readOnlyMillis);
            return new Moved(wiki.value(), placements.self(), to.name(), commit, copyBytes, readOnlyMillis);
        } catch (IOException e) {
            undo(wiki, to, switched);
            throw new UncheckedIOException("Cannot write the copy of wiki " + wiki, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            undo(wiki, to, switched);
            throw new WikifarmException.Unavailable("move_failed", "The move was interrupted; nothing was changed.");
        } catch (RuntimeException e) {
            undo(wiki, to, switched);
            throw e;
        } finally {
            try {
                Files.deleteIfExists(zip);
                if (snapshot != null) {
                    WikiSnapshots.delete(files.dir(wiki), snapshot);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not remove the move's copy of wiki {}: {}", wiki, e.getMessage());
            }
        }
    }

    /** A move that failed before the target became the wiki's node: back to how it was. */
    private void undo(TenantId wiki, NodeRow to, boolean switched) {
        if (switched) {
            try {
                routes.point(wiki, placements.self());
            } catch (RuntimeException e) {
                LOG.warn("Could not point the proxy back at this node for wiki {}: {}", wiki, e.getMessage());
            }
        }
        placements.abortMove(wiki);
        try {
            client.discardCopy(to, wiki);
        } catch (RuntimeException e) {
            LOG.warn("Could not ask node {} to discard its copy of wiki {}: {}", to.name(), wiki, e.getMessage());
        }
    }

    /**
     * The target's side: a copy of a wiki that is moving here, checked (as a restore checks a snapshot) and put in
     * place with its snapshots; answers the commit its pages are at. An old copy of the wiki left here by an earlier
     * move away is replaced.
     */
    public String receive(TenantId wiki, InputStream copy) {
        Placement placement = placements.read(wiki).orElseThrow(() ->
                new WikifarmException.NotFound("wiki_not_found", "There is no such wiki."));
        if (!Placement.COPYING.equals(placement.state()) || !placements.self().equals(placement.movingTo())) {
            throw new WikifarmException.Conflict("not_moving_here", "This wiki is not being moved to this node.");
        }
        if (files.exists(wiki)) {
            if (!oldCopies.isOldCopy(wiki)) {
                throw new WikifarmException.Conflict("wiki_exists", "This node already has files of this wiki.");
            }
            oldCopies.remove(wiki);
        }
        Path received = files.wikisDir().resolve(".receive-" + UUID.randomUUID());
        Path stage = files.wikisDir().resolve(".stage-" + UUID.randomUUID());
        try {
            CopyArchive.read(copy, received, maxCopyBytes);
            WikiSnapshots.Manifest manifest = WikiSnapshots.stageFolder(received.resolve(CopyArchive.MOVE), stage);
            if (!wiki.value().equals(manifest.wiki())) {
                throw new WikifarmException.Conflict("foreign_snapshot", "The copy is of another wiki.");
            }
            Path snapshots = received.resolve(WikiSnapshots.FOLDER);
            if (Files.isDirectory(snapshots)) {
                Files.move(snapshots, WikiSnapshots.folder(stage));
            }
            files.createFrom(wiki, stage);
            try {
                arrived.accept(wiki);
            } catch (RuntimeException e) {
                LOG.warn("Wiki {} arrived, but its index or usage could not be started: {}", wiki, e.getMessage());
            }
            return manifest.commit();
        } catch (IOException e) {
            throw new WikifarmException.InvalidInput("damaged_copy", "The wiki's copy could not be read: "
                    + e.getMessage());
        } finally {
            WikiSnapshots.discard(received);
            WikiSnapshots.discard(stage);
        }
    }

    /** The target's side of a move called off: its copy goes, unless the wiki is held here after all. */
    public void discard(TenantId wiki) {
        Placement placement = placements.read(wiki).orElse(null);
        if (placement != null && placements.self().equals(placement.node())) {
            throw new WikifarmException.Conflict("wiki_held_here", "This node holds the wiki; its files stay.");
        }
        if (files.exists(wiki) && !oldCopies.isOldCopy(wiki)) {
            try (OpenWikis.Hold hold = files.hold(wiki, "wiki_moving", "This wiki is being moved.",
                    Duration.ofSeconds(10))) {
                WikiSnapshots.discard(hold.dir());
            }
        }
    }

    private NodeRow liveNode(String name) {
        NodeRow node = directory.find(name).orElseThrow(() -> new WikifarmException.InvalidInput("unknown_node",
                "There is no node called '" + name + "'."));
        if (!directory.isLive(node) || node.url().isEmpty()) {
            throw new WikifarmException.Unavailable("node_unreachable", "Node " + name + " is not running (it has"
                    + " not reported for " + NodeDirectory.LIVE.toSeconds() + " seconds) or has no nodeUrl.");
        }
        return node;
    }
}
