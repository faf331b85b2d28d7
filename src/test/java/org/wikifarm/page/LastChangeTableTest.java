package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.git.GitPageStores;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.store.TenantId;

/** The last-change answers in a wiki's own SQLite database, and the page store reading them after a restart. */
class LastChangeTableTest {
    private static final String C1 = "1111111111111111111111111111111111111111";
    private static final String C2 = "2222222222222222222222222222222222222222";
    private static final String C3 = "3333333333333333333333333333333333333333";
    private static final Author ALICE = new Author("Alice", "alice@example.org");

    @TempDir
    Path dir;

    @Test
    void answersAreStoredWithTheirStampAndOnlyChangedOnTopOfTheSameStamp() {
        try (OpenWikis wikis = new OpenWikis(dir, 4);
                WikiSessions sessions = new WikiSessions(wikis, List.of(WikiStat.class))) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            LastChangeTable table = new LastChangeTable(sessions, id);
            assertThat(table.load()).isNull();

            table.store(null, C1, Map.of(), () -> Map.of("a", C1, "b", C1));
            assertThat(table.load()).isEqualTo(new LastChangeRecords.Stored(C1, Map.of("a", C1, "b", C1)));

            Map<String, String> changed = new HashMap<>();
            changed.put("a", C2);
            changed.put("b", null);
            changed.put("c", C2);
            table.store(C1, C2, changed, () -> {
                throw new AssertionError("the stamp matched: only the changes are written");
            });
            assertThat(table.load()).isEqualTo(new LastChangeRecords.Stored(C2, Map.of("a", C2, "c", C2)));

            // Computed from a stamp that is no longer stored: everything is replaced, nothing merged.
            table.store(C1, C3, Map.of("x", C3), () -> Map.of("only", C3));
            assertThat(table.load()).isEqualTo(new LastChangeRecords.Stored(C3, Map.of("only", C3)));
        }
    }

    @Test
    void eachWikiKeepsItsOwnAnswers() {
        try (OpenWikis wikis = new OpenWikis(dir, 4);
                WikiSessions sessions = new WikiSessions(wikis, List.of(WikiStat.class))) {
            TenantId one = TenantId.generate();
            TenantId two = TenantId.generate();
            wikis.create(one);
            wikis.create(two);
            new LastChangeTable(sessions, one).store(null, C1, Map.of(), () -> Map.of("Home", C1));
            assertThat(new LastChangeTable(sessions, two).load()).isNull();
            new LastChangeTable(sessions, two).store(null, C2, Map.of(), () -> Map.of("Home", C2));
            assertThat(new LastChangeTable(sessions, one).load().commits()).containsExactly(Map.entry("Home", C1));
        }
    }

    @Test
    void readsAfterARestartAgreeWithGitLogForEveryPage() throws Exception {
        TenantId id = TenantId.generate();
        Set<String> pages = new LinkedHashSet<>();
        try (OpenWikis wikis = new OpenWikis(dir, 4);
                WikiSessions sessions = new WikiSessions(wikis, List.of(WikiStat.class));
                WikiLease lease = wikis.acquire(create(wikis, id))) {
            PageStore store = new GitPageStores(wiki -> new LastChangeTable(sessions, wiki), Clock.systemUTC()).of(lease);
            for (int i = 0; i < 30; i++) {
                PagePath page = new PagePath("notes/page-" + (i % 7));
                store.save(page, "version " + i, store.lastChange(page), ALICE, null);
                pages.add(page.value());
            }
            store.rename(new PagePath("notes/page-3"), new PagePath("archive/page-3"), ALICE, null, false, Long.MAX_VALUE);
            store.delete(new PagePath("notes/page-5"), null, ALICE, null);
            store.save(new PagePath("notes/page-5"), "back again", null, ALICE, null);
            store.delete(new PagePath("notes/page-6"), null, ALICE, null);
            pages.add("archive/page-3");
        }
        try (OpenWikis wikis = new OpenWikis(dir, 4);
                WikiSessions sessions = new WikiSessions(wikis, List.of(WikiStat.class));
                WikiLease lease = wikis.acquire(id)) {
            PageStore store = new GitPageStores(wiki -> new LastChangeTable(sessions, wiki), Clock.systemUTC()).of(lease);
            Path git = dir.resolve(id.value()).resolve("repo.git");
            for (String page : pages) {
                assertThat(store.lastChange(new PagePath(page))).as(page)
                        .isEqualTo(gitLog(git, new PagePath(page).file()));
            }
            assertThat(new LastChangeTable(sessions, id).load().stamp()).isEqualTo(store.head());
            assertThat(store.lastChange(new PagePath("notes/page-6"))).isNull();
        }
    }

    private static TenantId create(OpenWikis wikis, TenantId id) {
        wikis.create(id);
        return id;
    }

    private static String gitLog(Path gitDir, String file) throws Exception {
        Process git = new ProcessBuilder("git", "--git-dir=" + gitDir, "log", "-1", "--format=%H", "main", "--", file)
                .redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // git log also names the commit that deleted a file; a page that is gone has no last change.
        Process exists = new ProcessBuilder("git", "--git-dir=" + gitDir, "cat-file", "-e", "main:" + file).start();
        assertThat(exists.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.isEmpty() || exists.exitValue() != 0 ? null : out;
    }
}
