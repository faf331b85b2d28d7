package org.wikifarm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.App;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.config.Settings;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.store.PlatformDialect;
import org.wikifarm.store.TestPostgres;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;
import org.wikifarm.tenant.Wikis;

/**
 * {@code wikifarm platform-db copy --to URL} moves an embedded platform.db into an empty PostgreSQL database that the
 * application then serves as it served the file; {@code info} and {@code wikis list} read PostgreSQL when
 * {@code platformDbUrl} names it. Needs PostgreSQL ({@link TestPostgres}).
 */
class PlatformDbCommandTest {
    @TempDir
    Path dir;

    private CliFixture farm;
    private String url;
    private String tokenSecret;

    @BeforeEach
    void aFarmWithWikisMembersTokensAndNames() {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.wikifarm.store.TestPlatforms.onPostgres(),
                "copies from the embedded platform.db: runs in the default execution only");
        url = TestPostgres.emptyDatabase();
        farm = new CliFixture(dir.resolve("data"));
        try (App app = farm.open()) {
            Caller admin = CliFixture.admin(app);
            Caller alice = new Caller(user(app, "alice"));
            Caller bob = new Caller(app.accounts().signUp(admin, "bob", "correct horse battery bob", null, null));
            Wiki garden = app.catalog().create(alice, "garden", "Alice's Garden", true);
            app.catalog().create(bob, "notes", "Bob's notes", false);
            new WikiRepository(app.platform()).setCustomSlug(garden.id(), new Slug("roses"));
            app.platformAdmin().addDomain(admin, garden.id().value(), "garden.example.org");
            app.members().grant(alice, garden, "bob", "editor");
            tokenSecret = app.tokens().create(alice, garden, "ci", "editor").secret();
        }
    }

    @Test
    void copiesEveryRowAndTheApplicationServesThem() {
        CliFixture.Run run = farm.cli("platform-db", "copy", "--to", url, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode copied = run.json().path("copied");
        assertThat(copied.path("users").asInt()).isEqualTo(3);
        assertThat(copied.path("wikis").asInt()).isEqualTo(2);
        assertThat(copied.path("acl").asInt()).isEqualTo(3);
        assertThat(copied.path("tokens").asInt()).isEqualTo(1);
        assertThat(copied.path("wiki_domains").asInt()).isEqualTo(1);
        assertThat(copied.path("host_names").asInt()).as("3 usernames and 1 custom slug").isEqualTo(4);
        try (App app = onPostgres()) {
            assertThat(app.platform().dialect()).isEqualTo(PlatformDialect.POSTGRESQL);
            WikiRepository wikis = new WikiRepository(app.platform());
            Wiki garden = wikis.findByCustomSlug(new Slug("roses")).orElseThrow();
            assertThat(garden.displayName()).isEqualTo("Alice's Garden");
            assertThat(wikis.findByDomain("garden.example.org")).contains(garden);
            assertThat(app.tokens().authenticate(tokenSecret)).map(t -> t.wiki()).contains(garden.id());
            assertThat(app.permissions().of(new Caller(user(app, "bob")), garden)).isNotEmpty();
            // The identity goes on after the highest id copied; the names copied are still taken.
            User carol = app.accounts().signUp(Caller.ANONYMOUS, "carol", "correct horse battery carol", null, null);
            assertThat(carol.id()).isGreaterThan(user(app, "bob").id());
            Throwable taken = catchThrowable(() -> app.accounts().signUp(Caller.ANONYMOUS, "roses",
                    "correct horse battery roses", null, null));
            assertThat(ErrorStatus.of(taken)).isEqualTo(409);
        }
    }

    @Test
    void aTargetThatHoldsAccountsIsRefusedAndLeftAsItWas() {
        assertThat(farm.cli("platform-db", "copy", "--to", url).exitCode()).isZero();

        CliFixture.Run again = farm.cli("platform-db", "copy", "--to", url, "--json");

        assertThat(again.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(again.err() + again.out()).contains("target_not_empty");
        try (App app = onPostgres()) {
            assertThat(new org.wikifarm.auth.UserRepository(app.platform()).findByUsername(new Username("alice")))
                    .isPresent();
        }
    }

    @Test
    void infoAndWikisListReadPostgresWhenTheSettingNamesIt() {
        assertThat(farm.cli("platform-db", "copy", "--to", url).exitCode()).isZero();
        System.setProperty(Settings.PREFIX + "platformDbUrl", url);
        try {
            CliFixture.Run info = farm.cli("info", "--json");
            assertThat(info.exitCode()).as(info.err()).isZero();
            assertThat(info.json().path("users").asInt()).isEqualTo(3);
            assertThat(info.json().path("wikis").asInt()).isEqualTo(2);
            assertThat(info.json().path("platformSchema").path("database").asInt())
                    .isEqualTo(org.wikifarm.store.PlatformDatabase.SCHEMA_VERSION);
            CliFixture.Run list = farm.cli("wikis", "list", "--json");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.json().path("wikis").findValuesAsText("slug")).containsExactly("garden", "notes");
        } finally {
            System.clearProperty(Settings.PREFIX + "platformDbUrl");
        }
    }

    private App onPostgres() {
        Settings settings = Settings.defaults(farm.data);
        return new App(settings.withCluster(new Settings.Cluster(TestPostgres.platformDb(url), "local", "", "",
                "most-room", 3600, "", "")), java.time.Clock.systemUTC(), Wikis.Start.EMPTY);
    }

    private static User user(App app, String name) {
        return new org.wikifarm.auth.UserRepository(app.platform()).findByUsername(new Username(name)).orElseThrow();
    }
}
