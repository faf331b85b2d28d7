package org.wikifarm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.auth.Caller;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TestPostgres;
import org.wikifarm.tenant.Wikis;

/**
 * {@code wikisPerAccount} across nodes: two nodes sharing one PostgreSQL platform database create wikis for one account
 * at the same instant; the count is made again inside the transaction that writes the rows, with the other node's
 * creations kept out, so the account never ends over its cap. Skipped without PostgreSQL (as every test on it).
 */
class WikisPerAccountAcrossNodesTest {
    private static final int CAP = 2;

    @TempDir
    Path dir;

    private final List<App> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(App::close);
    }

    private App node(String name, String database) {
        Settings defaults = Settings.defaults(dir.resolve(name));
        Settings.Limits limits = TestFarm.limits().caps(CAP, Settings.Limits.DEFAULT.tokensPerWiki(),
                Settings.Limits.DEFAULT.draftsPerUser()).build();
        App app = new App(new Settings(dir.resolve(name), null, defaults.openWikiCap(), defaults.maxBodyBytes(), true,
                defaults.proxy(), new Settings.Search(1, "off", dir.resolve(name).resolve("cache")), limits,
                defaults.render(), defaults.signIn()).withCluster(new Settings.Cluster(TestPostgres.platformDb(database),
                name, "", "", "most-room", 3600, "", null)), java.time.Clock.systemUTC(), Wikis.Start.EMPTY);
        nodes.add(app);
        return app;
    }

    @Test
    void twoNodesCreatingAtOnceNeverTakeAnAccountOverItsCap() throws Exception {
        String database = TestPostgres.migratedDatabase();
        App one = node("node1", database);
        App two = node("node2", database);
        one.accounts().signUp(Caller.ANONYMOUS, "firstadmin", "correct horse battery admin", null, null);
        for (int round = 0; round < 5; round++) {
            Caller owner = new Caller(one.accounts().signUp(Caller.ANONYMOUS, "owner" + round,
                    "correct horse battery " + round, null, null));
            one.catalog().create(owner, "first", "first", false);
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Boolean>> creations = new ArrayList<>();
            for (App node : List.of(one, two)) {
                String slug = "from-" + node.settings().cluster().nodeName();
                creations.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await(10, TimeUnit.SECONDS);
                        node.catalog().create(owner, slug, slug, false);
                        return true;
                    } catch (WikifarmException.Conflict refused) {
                        assertThat(refused.code()).isEqualTo("too_many_wikis");
                        return false;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            long made = 0;
            for (CompletableFuture<Boolean> creation : creations) {
                made += creation.get(1, TimeUnit.MINUTES) ? 1 : 0;
            }
            assertThat(made).as("round %d: one of the two takes the last place", round).isEqualTo(1);
            assertThat(one.wikis().listOwnedOrShared(owner.user().id(), 100)).hasSize(CAP);
        }
    }
}
