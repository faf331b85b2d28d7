package org.wikifarm.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiSnapshots;

/**
 * A wiki of this farm put back on this node from a snapshot of it, under its own id (docs/scale-out.md, "Restore a
 * lost node's wikis"): when the node that held it is gone with its disk, the wiki comes back from a backup of one of
 * its snapshots with its address, members, tokens and settings, which live in the platform database. The snapshot is
 * checked as a restore checks one; the wiki must be one of the farm's, without files here, and its node must not be
 * running (unless forced: the operator knows it is gone for good). Then this node holds it.
 */
public final class Adoption {
    private final Placements placements;
    private final NodeDirectory directory;
    private final OpenWikis files;

    public Adoption(Placements placements, NodeDirectory directory, OpenWikis files) {
        this.placements = placements;
        this.directory = directory;
        this.files = files;
    }

    /** What was adopted: the wiki, the node that held it before (null: none), and the commit its pages are at. */
    public record Adopted(TenantId wiki, String from, String commit) {
    }

    public Adopted adopt(Path snapshot, boolean force) {
        Path stage = files.wikisDir().resolve(".adopt-" + UUID.randomUUID());
        try {
            WikiSnapshots.Manifest manifest = WikiSnapshots.stageFolder(snapshot, stage);
            TenantId wiki = new TenantId(manifest.wiki());
            Placement placement = placements.read(wiki).orElseThrow(() -> new WikifarmException.NotFound(
                    "wiki_not_found", "No wiki of this farm has the id " + wiki + ". To bring the snapshot in as a new"
                    + " wiki, use wikifarm import --snapshot."));
            if (files.exists(wiki)) {
                throw new WikifarmException.Conflict("wiki_exists", "This node already has files of wiki " + wiki
                        + "; to put it back as a snapshot holds it, use wikifarm restore.");
            }
            String from = placement.node();
            if (from != null && !from.equals(placements.self()) && !force) {
                boolean running = directory.find(from).map(directory::isLive).orElse(false);
                if (running) {
                    throw new WikifarmException.Conflict("node_live", "Node " + from + " still reports itself and"
                            + " holds this wiki: move it (wikifarm move) instead; or, if that node is gone for good,"
                            + " stop it and pass --force.");
                }
            }
            keepSnapshot(snapshot, stage);
            files.createFrom(wiki, stage);
            placements.adopt(wiki);
            return new Adopted(wiki, from, manifest.commit());
        } finally {
            WikiSnapshots.discard(stage);
        }
    }

    /** The snapshot it came from stays among the wiki's snapshots (under its own id, when it has the shape of one). */
    private static void keepSnapshot(Path snapshot, Path stage) {
        String id = snapshot.toAbsolutePath().normalize().getFileName().toString();
        if (!WikiSnapshots.isId(id)) {
            return;
        }
        Path kept = WikiSnapshots.of(stage, id);
        try {
            Files.createDirectories(kept);
            for (String name : List.of(WikiSnapshots.MANIFEST, WikiSnapshots.DATABASE, WikiSnapshots.BUNDLE)) {
                if (Files.isRegularFile(snapshot.resolve(name))) {
                    Files.copy(snapshot.resolve(name), kept.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the snapshot " + snapshot, e);
        }
    }
}
