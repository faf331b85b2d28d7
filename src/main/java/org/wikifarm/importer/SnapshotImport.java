package org.wikifarm.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.wikifarm.auth.User;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiFiles;
import org.wikifarm.store.WikiSnapshots;
import org.wikifarm.tenant.AccessLevels;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * A Wikifarm wiki from another installation, from one of its snapshot folders ({@code <data>/wikis/<id>/snapshots/
 * <time>/}, taken there with {@code wikifarm snapshot take} or the wiki's Snapshots screen): {@code wikifarm import
 * --snapshot DIR}. The snapshot is verified and staged by the same code as a restore ({@link WikiSnapshots#stageFolder}:
 * manifest, checksums, {@code PRAGMA integrity_check}, the bundle's objects and connectivity) — into a temporary folder
 * for the plan (so a dry run reports what would fail and writes nothing here), and again, beside the wikis, for the
 * import, which then renames it into place under a new id and writes the wiki's rows. The source is only read. A
 * failure removes whatever was created; a finished import is recorded in {@link ImportRecords}, so
 * {@link Importer#undo} removes it. The wiki keeps its pages, history, files and settings; it comes private, with no
 * members, tokens or drafts (those belong to the other installation's accounts).
 */
public final class SnapshotImport {
    /** What the plan lists as left behind. */
    static final List<String> NOT_CARRIED = List.of("access levels (the wiki comes private)",
            "members and tokens (accounts of the other installation)");

    /** A plan and what {@link #run} needs to carry it out. */
    public static final class Prepared {
        private final ImportPlan plan;
        private final Path snapshot;
        private final User owner;
        private final int pageCount;

        private Prepared(ImportPlan plan, Path snapshot, User owner, int pageCount) {
            this.plan = plan;
            this.snapshot = snapshot;
            this.owner = owner;
            this.pageCount = pageCount;
        }

        public ImportPlan plan() {
            return plan;
        }
    }

    private final PlatformDatabase platform;
    private final WikiRepository wikis;
    private final UserRepository users;
    private final OpenWikis files;
    private final Path wikisDir;
    private final ImportRecords records;
    private final Clock clock;

    public SnapshotImport(PlatformDatabase platform, WikiRepository wikis, UserRepository users, OpenWikis files,
                          Path wikisDir, ImportRecords records, Clock clock) {
        this.platform = platform;
        this.wikis = wikis;
        this.users = users;
        this.files = files;
        this.wikisDir = wikisDir;
        this.records = records;
        this.clock = clock;
    }

    /**
     * Verifies the snapshot (staged into a temporary folder, then removed) and works out the wiki it would make;
     * writes nothing of this installation.
     *
     * @param displayName null: the name the wiki's own database holds, else the slug
     */
    public Prepared plan(Path snapshot, String owner, String slug, String displayName) {
        Username ownerName = new Username(owner);
        User user = users.findByUsername(ownerName).orElseThrow(() -> new WikifarmException.NotFound(
                "owner_not_found", "There is no account '" + owner + "' to own the wiki."));
        Slug checkedSlug = new Slug(slug);
        if (wikis.findByOwnerAndSlug(ownerName, checkedSlug).isPresent()) {
            throw new WikifarmException.Conflict("slug_taken", owner + " already has a wiki called '" + slug + "'.");
        }
        Path temp;
        try {
            temp = Files.createTempDirectory("wikifarm-import-");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make a temporary folder to check the snapshot in", e);
        }
        try {
            Path stage = temp.resolve("wiki");
            WikiSnapshots.Manifest manifest = WikiSnapshots.stageFolder(snapshot, stage);
            String name = displayName != null && !displayName.isBlank() ? displayName.strip()
                    : WikiSnapshots.displayName(stage).orElse(slug);
            Map<String, String> pages = new TreeMap<>();
            Map<String, String> attachments = new TreeMap<>();
            int commits = readRepository(WikiFiles.repository(stage), manifest.commit(), pages, attachments);
            int drafts = WikiSnapshots.draftCount(stage);
            List<String> dropped = new ArrayList<>();
            if (drafts > 0) {
                dropped.add(drafts + " drafts (of the other installation's people)");
            }
            ImportPlan plan = new ImportPlan(snapshot.toAbsolutePath().normalize().toString(), owner, slug, name,
                    AccessLevels.of(false), "keep", pages, attachments, List.of(), commits,
                    Map.of("wiki " + manifest.wiki() + ", schema v" + manifest.schemaVersion(),
                            "its pages, history, files, look and settings"),
                    NOT_CARRIED, List.of(), List.of(), dropped);
            return new Prepared(plan, snapshot, user, WikiSnapshots.pageCount(stage));
        } finally {
            WikiSnapshots.discard(temp);
        }
    }

    /** Carries out a plan: the snapshot staged again (it is checked again), moved into place, the rows written. */
    public Importer.Done run(Prepared prepared) {
        ImportPlan plan = prepared.plan;
        TenantId id = TenantId.generate();
        Instant now = clock.instant();
        Path stage = wikisDir.resolve(".import-" + UUID.randomUUID());
        boolean placed = false;
        boolean rows = false;
        try {
            WikiSnapshots.stageFolder(prepared.snapshot, stage);
            WikiSnapshots.forgetPeople(stage);
            WikiSnapshots.storeDisplayName(stage, plan.displayName());
            files.createFrom(id, stage);
            placed = true;
            Wiki wiki = new Wiki(id, prepared.owner.id(), prepared.owner.username(), new Slug(plan.slug()), null,
                    plan.displayName(), plan.access(), PaymentStatus.FREE, now, null, prepared.pageCount);
            platform.inTransaction(connection -> {
                wikis.insert(connection, wiki);
                wikis.grantOwner(connection, wiki);
                return null;
            });
            rows = true;
            String importId = records.write(new ImportRecords.Entry(null, now.toString(), plan.source(),
                    id.value(), plan.owner(), plan.slug(), List.of()));
            return new Importer.Done(importId, wiki, plan, List.of());
        } catch (RuntimeException e) {
            if (rows) {
                platform.inTransaction(connection -> {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM wikis WHERE id = ?")) {
                        delete.setString(1, id.value());
                        return delete.executeUpdate();
                    }
                });
            }
            if (placed) {
                files.delete(id);
            }
            throw e;
        } finally {
            WikiSnapshots.discard(stage);
        }
    }

    /** Sorts the files at {@code commit} into pages and attachments; answers how many commits lead to it. */
    private static int readRepository(Path repositoryDir, String commit, Map<String, String> pages,
                                      Map<String, String> attachments) {
        if (commit == null) {
            return 0;
        }
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repositoryDir.toFile()).build();
             RevWalk walk = new RevWalk(repository)) {
            RevCommit head = walk.parseCommit(ObjectId.fromString(commit));
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(head.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    String path = tree.getPathString();
                    (path.endsWith(PagePath.EXTENSION) ? pages : attachments).put(path, path);
                }
            }
            walk.markStart(head);
            int commits = 0;
            for (RevCommit ignored : walk) {
                commits++;
            }
            return commits;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the staged repository: " + e.getMessage(), e);
        }
    }
}
