package org.wikifarm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.auth.ApiToken;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Tokens;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.SearchHit;
import org.wikifarm.search.SearchStatus;
import org.wikifarm.store.PlatformDialect;
import org.wikifarm.store.TestPlatforms;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiChoice;

/**
 * The whole application on each platform database (the embedded file; PostgreSQL in the surefire run
 * platform-on-postgresql): sign-up, a wiki, pages written and read, full-text search, a token, the wiki chooser's
 * text filter (a substring test written per database), and one wiki's things never reachable through another's.
 */
class FarmFlowTest {
    @TempDir
    Path dir;

    private TestFarm farm;

    @BeforeEach
    void start() {
        farm = new TestFarm(dir, TestFarm.limits().build());
    }

    @AfterEach
    void stop() {
        if (farm != null) {
            farm.close();
        }
    }

    @Test
    void runsOnTheChosenPlatformDatabase() {
        assertThat(farm.app.platform().dialect())
                .isEqualTo(TestPlatforms.onPostgres() ? PlatformDialect.POSTGRESQL : PlatformDialect.SQLITE);
    }

    @Test
    void signUpCreateWriteReadSearch() {
        Caller alice = farm.signUp("alice");
        Wiki notes = farm.app.catalog().create(alice, "notes", "Alice's Notes", false);
        PagePath path = new PagePath("travel/kyoto");
        farm.app.pages().save(alice, notes, path, "# Kyoto\nThe shinkansen leaves at nine.\n", null, "first");

        assertThat(farm.app.pages().read(alice, notes, path, null).content()).contains("shinkansen");
        awaitIndexed(alice, notes);
        assertThat(farm.app.search().search(alice, notes, "shinkansen", "text", 10).hits())
                .extracting(SearchHit::path).containsExactly("travel/kyoto");
    }

    @Test
    void aTokenActsOnItsOwnWikiOnly() {
        Caller alice = farm.signUp("alice");
        Caller bob = farm.signUp("bob");
        Wiki notes = farm.wiki(alice, "notes");
        Wiki other = farm.wiki(bob, "other");
        farm.app.pages().save(bob, other, new PagePath("secret"), "bob's secret", null, "bob");

        Tokens.Issued issued = farm.app.tokens().create(alice, notes, "ci", "editor");
        ApiToken token = farm.app.tokens().authenticate(issued.secret()).orElseThrow();
        Caller bearer = Caller.of(token);

        assertThat(token.wiki()).isEqualTo(notes.id());
        farm.app.pages().save(bearer, notes, new PagePath("from-ci"), "written with a token", null, "ci");
        assertThat(farm.app.pages().read(alice, notes, new PagePath("from-ci"), null).content())
                .isEqualTo("written with a token");
        Throwable crossTenant = catchThrowable(() -> farm.app.pages().read(bearer, other, new PagePath("secret"),
                null));
        assertThat(ErrorStatus.of(crossTenant)).isIn(403, 404);
        Throwable duplicate = catchThrowable(() -> farm.app.tokens().create(alice, notes, "ci", "viewer"));
        assertThat(ErrorStatus.of(duplicate)).as("the same name twice: a unique violation, 409").isEqualTo(409);
    }

    @Test
    void theChooserFiltersByPlainSubstringWhateverTheCase() {
        Caller alice = farm.signUp("alice");
        farm.app.catalog().create(alice, "cooking", "Grandma's Recipes", false);
        farm.app.catalog().create(alice, "garden", "Garden 100% organic", false);
        farm.app.catalog().create(alice, "work", "Work_log", false);

        assertThat(names(alice, "RECIPES")).containsExactly("cooking");
        assertThat(names(alice, "100%")).containsExactly("garden");
        assertThat(names(alice, "%")).containsExactly("garden");
        assertThat(names(alice, "_")).containsExactly("work");
        assertThat(names(alice, "ali")).containsExactlyInAnyOrder("cooking", "garden", "work");
    }

    private List<String> names(Caller caller, String filter) {
        return farm.app.selector().choices(caller, filter, List.of()).stream().map(WikiChoice::wiki)
                .map(wiki -> wiki.slug().value()).toList();
    }

    private void awaitIndexed(Caller caller, Wiki wiki) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        SearchStatus status;
        do {
            status = farm.app.search().status(caller, wiki);
            if (status.queued() == 0 && !status.indexing()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish: " + status);
    }
}
