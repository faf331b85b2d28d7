package org.wikifarm.auth;

import org.wikifarm.store.TestPlatforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.App;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * Usernames and custom slugs are one namespace (both are host labels in host mode), checked both ways and decided by
 * the platform database, so not even a race lets a user and a wiki hold the same name.
 */
class HostNamesTest {
    @TempDir
    Path dir;

    private App app;
    private PlatformDatabase db;
    private UserRepository users;
    private WikiRepository wikis;
    private Accounts accounts;
    private WikiSettings settings;
    private Caller owner;
    private Wiki wiki;
    private Wiki otherWiki;

    @BeforeEach
    void setUp() {
        Settings defaults = Settings.defaults(dir);
        app = new App(TestPlatforms.settings(new Settings(dir, null, defaults.openWikiCap(), defaults.maxBodyBytes(),
                true, defaults.proxy(), new Settings.Search(1, "off", dir.resolve("cache")))));
        db = TestPlatforms.open(dir.resolve("platform.db"));
        users = new UserRepository(db);
        wikis = new WikiRepository(db);
        accounts = app.accounts();
        settings = app.wikiSettings();
        owner = new Caller(accounts.signUp(Caller.ANONYMOUS, "alice", "long enough password", null, null));
        wiki = app.catalog().create(owner, "notes", null, false);
        otherWiki = app.catalog().create(owner, "diary", null, false);
    }

    @AfterEach
    void tearDown() {
        db.close();
        app.close();
    }

    @Test
    void aUsernameThatIsACustomSlugIsRefused() {
        setCustomSlug(wiki, "guide");

        Throwable refused = catchThrowable(() -> signUp("guide"));

        assertThat(ErrorStatus.of(refused)).isEqualTo(409);
        assertThat(((WikifarmException) refused).code()).isEqualTo("username_taken");
        assertThat(users.findByUsername(new Username("guide"))).isEmpty();
    }

    @Test
    void aCustomSlugThatIsAUsernameIsRefusedAndChangesNothing() {
        signUp("bob");

        Throwable refused = catchThrowable(() -> settings.update(owner, wiki,
                new WikiSettings.Change("Renamed", true, null, null, null, "bob")));

        assertThat(ErrorStatus.of(refused)).isEqualTo(409);
        assertThat(((WikifarmException) refused).code()).isEqualTo("name_taken");
        Wiki unchanged = wikis.findById(wiki.id()).orElseThrow();
        assertThat(unchanged.customSlug()).isNull();
        assertThat(unchanged.displayName()).as("nothing else changed either").isEqualTo("notes");
        assertThat(unchanged.isPublic()).isFalse();
        // The owner's own username is taken too: it is their user host.
        assertThat(ErrorStatus.of(catchThrowable(() -> setCustomSlug(wiki, "alice")))).isEqualTo(409);
    }

    @Test
    void aCustomSlugOfAnotherWikiIsRefused() {
        setCustomSlug(wiki, "guide");

        assertThat(ErrorStatus.of(catchThrowable(() -> setCustomSlug(otherWiki, "guide")))).isEqualTo(409);
        assertThat(wikis.findByCustomSlug(new Slug("guide")).orElseThrow().id()).isEqualTo(wiki.id());
    }

    @Test
    void changingOrRemovingACustomSlugFreesTheOldName() {
        setCustomSlug(wiki, "guide");
        setCustomSlug(wiki, "handbook");
        signUp("guide");

        settings.update(owner, wiki, new WikiSettings.Change(null, null, null, null, null, ""));
        signUp("handbook");

        assertThat(wikis.findById(wiki.id()).orElseThrow().customSlug()).isNull();
        assertThat(settings.get(owner, wikis.findById(wiki.id()).orElseThrow()).customSlug()).isNull();
    }

    @Test
    void settingTheSameCustomSlugAgainIsNoConflict() {
        setCustomSlug(wiki, "guide");
        Wiki current = wikis.findById(wiki.id()).orElseThrow();

        WikiSettings.View view = settings.update(owner, current,
                new WikiSettings.Change(null, null, null, null, null, "guide"));

        assertThat(view.customSlug()).isEqualTo("guide");
    }

    @Test
    void onlyTheWikisAdministratorsSetItsCustomSlug() {
        Caller stranger = signUp("mallory");

        assertThat(ErrorStatus.of(catchThrowable(() -> settings.update(stranger, wiki,
                new WikiSettings.Change(null, null, null, null, null, "mine"))))).isEqualTo(403);
        assertThat(users.nameTaken("mine")).isFalse();
    }

    @Test
    void aProxyUsernameDerivedFromATakenCustomSlugGetsTheNextFreeName() {
        setCustomSlug(wiki, "carol");

        User provisioned = users.provision(new ProxyIdentity("@carol.bsky.social", null, "Carol"));

        assertThat(provisioned.username().value()).isEqualTo("carol-2");
    }

    @Test
    void theDatabaseItselfRefusesAUserWhoseNameIsACustomSlug() throws Exception {
        setCustomSlug(wiki, "guide");

        Throwable refused = catchThrowable(() -> db.withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users (username, auth_provider,"
                    + " auth_subject, created_at) VALUES ('guide', 'local', 'guide', '2026-01-01T00:00:00Z')")) {
                return insert.executeUpdate();
            }
        }));

        assertThat(refused).isInstanceOf(PlatformDatabase.PlatformSqlException.class);
        assertThat(((PlatformDatabase.PlatformSqlException) refused).isUniqueViolation()).isTrue();
    }

    /** A sign-up and a custom slug racing for the same name, many times: never both win. */
    @Test
    void aRaceBetweenASignUpAndACustomSlugLetsExactlyOneIn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String name = "race-" + round;
                Wiki target = round % 2 == 0 ? wiki : otherWiki;
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Boolean> user = pool.submit(succeeds(start, () -> signUp(name)));
                Future<Boolean> slug = pool.submit(succeeds(start, () -> setCustomSlug(target, name)));

                boolean userWon = user.get();
                boolean slugWon = slug.get();

                assertThat(userWon ^ slugWon).as("exactly one of the two got '%s' (user %s, slug %s)", name, userWon,
                        slugWon).isTrue();
                assertThat(users.findByUsername(new Username(name)).isPresent()).isEqualTo(userWon);
                assertThat(wikis.findByCustomSlug(new Slug(name)).isPresent()).isEqualTo(slugWon);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<Boolean> succeeds(CyclicBarrier start, Runnable work) {
        return () -> {
            start.await();
            try {
                work.run();
                return true;
            } catch (WikifarmException.Conflict taken) {
                return false;
            }
        };
    }

    private Caller signUp(String name) {
        return new Caller(accounts.signUp(owner, name, "long enough password", null, null));
    }

    private void setCustomSlug(Wiki target, String name) {
        settings.update(owner, wikis.findById(target.id()).orElseThrow(),
                new WikiSettings.Change(null, null, null, null, null, name));
    }
}
