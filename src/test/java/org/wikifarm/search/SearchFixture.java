package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.wikifarm.tenant.Wikis;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.app.App;
import org.wikifarm.config.Settings;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.tenant.Wiki;

/**
 * A whole Wikifarm without Tomcat (real SQLite, JGit, Lucene and model) on a temporary folder, with a first account
 * (the platform admin, unused by search tests) and helpers to wait for the background indexing.
 */
final class SearchFixture implements AutoCloseable {
    // Its wikis start empty (Wikis.Start.EMPTY): the search tests count exactly the pages they write.
    final App app;
    private int users;

    SearchFixture(Path dataDir, String embeddingModel) {
        Settings defaults = Settings.defaults(dataDir);
        app = new App(new Settings(dataDir, null, defaults.openWikiCap(), defaults.maxBodyBytes(), true,
                defaults.proxy(), new Settings.Search(1, embeddingModel, dataDir.resolve("cache")), defaults.limits(), defaults.render(),
                defaults.signIn()), Clock.systemUTC(), Wikis.Start.EMPTY);
        try {
            signUp("firstadmin");
        } catch (org.wikifarm.error.WikifarmException.Conflict restarted) {
            // The same data folder opened again: the first account exists.
        }
    }

    /** With settings given by key ({@code searchMaxPageBytes} …) over the defaults, as the server reads them. */
    SearchFixture(Path dataDir, Map<String, String> settings) {
        Map<String, String> keys = new HashMap<>();
        keys.put(Settings.PREFIX + "dataDir", dataDir.toString());
        settings.forEach((key, value) -> keys.put(Settings.PREFIX + key, value));
        app = new App(Settings.load(keys::get), Clock.systemUTC(), Wikis.Start.EMPTY);
        try {
            signUp("firstadmin");
        } catch (org.wikifarm.error.WikifarmException.Conflict restarted) {
            // The same data folder opened again: the first account exists.
        }
    }

    Caller signUp(String name) {
        users++;
        User user = app.accounts().signUp(Caller.ANONYMOUS, name, "correct horse battery " + users, null, null);
        return new Caller(user);
    }

    Wiki wiki(Caller owner, String slug, boolean isPublic) {
        return app.catalog().create(owner, slug, slug, isPublic);
    }

    void save(Caller caller, Wiki wiki, String path, String content) {
        var pages = app.pages();
        String revision;
        try {
            revision = pages.read(caller, wiki, new org.wikifarm.page.PagePath(path), null).revision();
        } catch (org.wikifarm.page.PageNotFoundException e) {
            revision = null;
        }
        pages.save(caller, wiki, new org.wikifarm.page.PagePath(path), content, revision, null);
    }

    /** Waits until the wiki's queue is empty and no worker holds it. */
    SearchStatus awaitIndexed(Caller caller, Wiki wiki) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        SearchStatus status;
        do {
            status = app.search().status(caller, wiki);
            if (status.queued() == 0 && !status.indexing()) {
                return status;
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish: " + status);
    }

    void awaitModel() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (app.search().model().state() == SemanticModel.State.WARMING_UP && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(app.search().model().state()).isIn(SemanticModel.State.READY, SemanticModel.State.OFF);
    }

    List<String> paths(Caller caller, Wiki wiki, String query, String mode) {
        return app.search().search(caller, wiki, query, mode, 10).hits().stream().map(SearchHit::path).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
