package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiLease;

/** A repack leaves one pack with a bitmap index, every commit still there, and skips a wiki it cannot lease. */
class RepacksTest {
    @TempDir
    Path dir;

    @Test
    void aRepackLeavesOnePackWithABitmapAndEveryCommit() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir.resolve("wikis"), 4); Repacks repacks = new Repacks(wikis::acquire)) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            ObjectId head;
            try (WikiLease lease = wikis.acquire(id)) {
                head = commits(lease.repository(), 200);
            }
            Path objects = dir.resolve("wikis").resolve(id.value()).resolve("repo.git").resolve("objects");
            assertThat(files(objects.resolve("pack"), ".bitmap")).isEmpty();

            assertThat(repacks.repack(id)).isTrue();

            assertThat(files(objects.resolve("pack"), ".pack")).hasSize(1);
            assertThat(files(objects.resolve("pack"), ".bitmap")).hasSize(1);
            // Again after more commits: the pack it replaces is gone at once, so nothing counts twice in the quota.
            try (WikiLease lease = wikis.acquire(id)) {
                head = commits(lease.repository(), 50);
            }
            assertThat(repacks.repack(id)).isTrue();
            assertThat(files(objects.resolve("pack"), ".pack")).hasSize(1);
            try (WikiLease lease = wikis.acquire(id); RevWalk walk = new RevWalk(lease.repository())) {
                assertThat(lease.repository().resolve("refs/heads/main")).isEqualTo(head);
                walk.markStart(walk.parseCommit(head));
                int count = 0;
                while (walk.next() != null) {
                    count++;
                }
                assertThat(count).isEqualTo(250);
            }
            assertThat(repacks.repack(TenantId.generate())).as("no such wiki").isFalse();
        }
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> found = Files.list(folder)) {
            return found.filter(file -> file.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    /** {@code count} commits on main, each adding a page, as loose objects. */
    private static ObjectId commits(Repository repository, int count) throws IOException {
        ObjectId parent = repository.resolve("refs/heads/main");
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            TreeFormatter tree;
            for (int i = 0; i < count; i++) {
                tree = new TreeFormatter();
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB,
                        ("page " + i + "\n").getBytes(StandardCharsets.UTF_8));
                tree.append("Page" + i + ".md", FileMode.REGULAR_FILE, blob);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(inserter.insert(tree));
                if (parent != null) {
                    commit.setParentId(parent);
                }
                PersonIdent who = new PersonIdent("Test", "test@example.org");
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("page " + i);
                parent = inserter.insert(commit);
            }
            inserter.flush();
        }
        RefUpdate update = repository.updateRef("refs/heads/main");
        update.setNewObjectId(parent);
        update.setForceUpdate(true);
        update.update();
        return parent;
    }
}
