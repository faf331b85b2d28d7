package org.wikifarm.auth;

import org.wikifarm.store.TestPlatforms;
import java.nio.file.Path;
import java.time.Duration;
import org.wikifarm.config.Settings;
import org.wikifarm.store.Freshness;
import org.wikifarm.store.MovableClock;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.tenant.FarmHosts;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;
import org.wikifarm.tenant.Wikis;

/**
 * The auth services on a real platform database in a temporary folder, wired as the application wires them, with a
 * clock the test moves and answers remembered for {@link #BOUND} ({@code authCacheSeconds}). The first account is the
 * platform admin.
 */
final class AuthFixture implements AutoCloseable {
    static final Duration BOUND = Duration.ofSeconds(5);

    final MovableClock clock = new MovableClock();
    final PlatformDatabase db;
    final UserRepository users;
    final WikiRepository wikiRepository;
    final Wikis wikis;
    final Permissions permissions;
    final WikiCatalog catalog;
    final Members members;
    final TokenRepository tokenRepository;
    final Tokens tokens;
    final WikiSettings settings;
    final PlatformAdmin admin;
    final Accounts accounts;
    final Passwords passwords = new Passwords(new Passwords.Hasher() {
        @Override
        public String hash(String password) {
            return "fake$" + password;
        }

        @Override
        public boolean matches(String password, String storedHash) {
            return storedHash.equals("fake$" + password);
        }
    });
    final OpenWikis files;
    boolean signupOpen = true;
    final Caller boss;

    AuthFixture(Path dir) {
        this(dir, Settings.Limits.DEFAULT);
    }

    AuthFixture(Path dir, Settings.Limits limits) {
        db = TestPlatforms.open(dir.resolve("platform.db"), new Freshness(clock, BOUND));
        users = new UserRepository(db);
        wikiRepository = new WikiRepository(db);
        files = new OpenWikis(dir.resolve("wikis"), 8);
        // Empty wikis: the tests built on this write every page they look at. A new wiki's Home: NewWikiHomeIT.
        wikis = new Wikis(db, wikiRepository, files, limits, clock, Wikis.Start.EMPTY);
        permissions = new Permissions(users);
        catalog = new WikiCatalog(wikis, permissions, limits.maxListItems());
        members = new Members(db, users, wikiRepository, wikis, permissions, limits.maxListItems());
        tokenRepository = new TokenRepository(db);
        tokens = new Tokens(tokenRepository, permissions, limits, clock);
        settings = new WikiSettings(wikiRepository, permissions, limits.maxNameChars());
        admin = new PlatformAdmin(db, users, wikiRepository, dir.resolve("wikis"), new FarmHosts(null, wikiRepository),
                limits.maxListItems(), permissions, files);
        accounts = new Accounts(users, passwords, () -> signupOpen, family -> true, permissions);
        boss = signUp("boss");
    }

    /** A new local account, signed up with sign-up open; its password is {@code <name> password}. */
    Caller signUp(String name) {
        return new Caller(accounts.signUp(Caller.ANONYMOUS, name, name + " password", null, null));
    }

    /** The caller of a new request by the same person: nothing decided for them yet. */
    Caller again(Caller caller) {
        return caller.token() != null ? Caller.of(caller.token())
                : caller.user() == null ? Caller.ANONYMOUS
                : new Caller(users.findById(caller.user().id()).orElseThrow());
    }

    Wiki wiki(Caller owner, String slug, boolean isPublic) {
        return catalog.create(owner, slug, slug, isPublic);
    }

    /** The wiki as the platform database has it now (as the next request would find it). */
    Wiki now(Wiki wiki) {
        return wikiRepository.findById(wiki.id()).orElseThrow();
    }

    Caller user(String username) {
        return new Caller(users.findByUsername(new Username(username)).orElseThrow());
    }

    @Override
    public void close() {
        files.close();
        db.close();
    }
}
