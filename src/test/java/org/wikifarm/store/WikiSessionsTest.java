package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.wikifarm.store.SqliteMigratorTest.query;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.tenant.CurrentTenant;

class WikiSessionsTest {
    @TempDir
    Path dir;

    private OpenWikis wikis;
    private WikiSessions sessions;
    private WikiStats stats;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void open() {
        wikis = new OpenWikis(dir, 8);
        sessions = new WikiSessions(wikis, OpenWikisTest.ENTITIES);
        stats = new WikiStats(sessions);
        List<TenantId> ids = OpenWikisTest.create(wikis, 2);
        a = ids.get(0);
        b = ids.get(1);
    }

    @AfterEach
    void close() {
        sessions.close();
        wikis.close();
    }

    @Test
    void anExplicitWikiWorksOutsideARequest() {
        // Jobs and the CLI have no request tenant; naming the wiki must be enough.
        assertThat(CurrentTenant.get()).isEmpty();
        stats.set(a, WikiStat.PAGE_COUNT, 3);
        assertThat(stats.get(a, WikiStat.PAGE_COUNT)).isEqualTo(3);
    }

    @Test
    void statsStartAtTheChangelogValues() {
        assertThat(stats.get(a, WikiStat.PAGE_COUNT)).isZero();
        assertThat(stats.get(a, WikiStat.DISK_USAGE_BYTES)).isZero();
        assertThat(stats.get(a, "never-set")).isZero();
    }

    @Test
    void statsOfTwoWikisStaySeparate() throws Exception {
        stats.set(a, WikiStat.PAGE_COUNT, 5);
        stats.set(b, WikiStat.PAGE_COUNT, 7);
        stats.set(a, "only-in-a", 11);

        assertThat(stats.get(a, WikiStat.PAGE_COUNT)).isEqualTo(5);
        assertThat(stats.get(b, WikiStat.PAGE_COUNT)).isEqualTo(7);
        assertThat(stats.get(a, "only-in-a")).isEqualTo(11);
        assertThat(stats.get(b, "only-in-a")).isZero();

        stats.set(a, WikiStat.PAGE_COUNT, 6);
        assertThat(stats.get(a, WikiStat.PAGE_COUNT)).isEqualTo(6);
        assertThat(stats.get(b, WikiStat.PAGE_COUNT)).isEqualTo(7);

        // And on disk: each value lives in its own wiki's file only.
        assertThat(query(database(a), "SELECT value FROM stats WHERE name = 'page_count'")).isEqualTo("6");
        assertThat(query(database(b), "SELECT value FROM stats WHERE name = 'page_count'")).isEqualTo("7");
        assertThat(query(database(a), "SELECT count(*) FROM stats WHERE name = 'only-in-a'")).isEqualTo("1");
        assertThat(query(database(b), "SELECT count(*) FROM stats WHERE name = 'only-in-a'")).isEqualTo("0");
        assertThat(query(database(a), "SELECT updated_at FROM stats WHERE name = 'only-in-a'"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    }

    @Test
    void preferencesOfTwoWikisStaySeparate() {
        sessions.inTransaction(a, session -> {
            session.persist(new WikiPreference("theme", "dark"));
            return null;
        });

        String inA = sessions.inTransaction(a, session -> session.find(WikiPreference.class, "theme").value());
        WikiPreference inB = sessions.inTransaction(b, session -> session.find(WikiPreference.class, "theme"));
        assertThat(inA).isEqualTo("dark");
        assertThat(inB).isNull();
    }

    @Test
    void aFailedTransactionWritesNothing() {
        Throwable thrown = catchThrowable(() -> sessions.inTransaction(a, session -> {
            session.find(WikiStat.class, WikiStat.PAGE_COUNT).set(99);
            session.flush();
            throw new IllegalStateException("boom");
        }));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(stats.get(a, WikiStat.PAGE_COUNT)).isZero();
    }

    @Test
    void aWikiWithoutFilesIsNotFound() {
        Throwable thrown = catchThrowable(() -> stats.get(TenantId.generate(), WikiStat.PAGE_COUNT));

        assertThat(thrown).isInstanceOf(WikifarmException.NotFound.class);
        assertThat(((WikifarmException) thrown).code()).isEqualTo("wiki_not_found");
    }

    @Test
    void sessionsGiveTheirLeaseBackWhenTheTransactionEnds() {
        try (OpenWikis small = new OpenWikis(dir.resolve("small"), 1);
             WikiSessions smallSessions = new WikiSessions(small, OpenWikisTest.ENTITIES)) {
            List<TenantId> ids = OpenWikisTest.create(small, 3);
            WikiStats smallStats = new WikiStats(smallSessions);
            for (TenantId id : ids) {
                smallStats.set(id, WikiStat.PAGE_COUNT, 1);
                smallStats.get(id, WikiStat.PAGE_COUNT);
                // A lease kept by a finished session would pin its wiki and the map would grow.
                assertThat(small.openCount()).isEqualTo(1);
            }
            Throwable thrown = catchThrowable(() -> smallSessions.inTransaction(ids.get(0), session -> {
                session.find(WikiStat.class, WikiStat.PAGE_COUNT);
                throw new IllegalStateException("boom");
            }));
            assertThat(thrown).hasMessage("boom");
            smallStats.get(ids.get(1), WikiStat.PAGE_COUNT);
            assertThat(small.openCount()).isEqualTo(1);
        }
    }

    private Path database(TenantId id) {
        return WikiFiles.database(dir.resolve(id.value()));
    }
}
