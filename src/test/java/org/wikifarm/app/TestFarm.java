package org.wikifarm.app;

import org.wikifarm.config.Settings;

import java.nio.file.Path;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.store.TestPlatforms;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.Wikis;

/**
 * A whole Wikifarm without Tomcat (real SQLite and JGit, search with the model off) on a temporary folder, with its
 * first account (the platform admin) signed up, for tests of the services behind every door.
 */
public final class TestFarm implements AutoCloseable {
    public final App app;
    public final Caller admin;
    private int users;

    public TestFarm(Path dataDir, Settings.Limits limits) {
        Settings defaults = Settings.defaults(dataDir);
        // Empty wikis: the tests built on this write every page they look at. A new wiki's Home: NewWikiHomeIT.
        // The platform database: the embedded file, or PostgreSQL in the run platform-on-postgresql (TestPlatforms).
        app = new App(TestPlatforms.settings(new Settings(dataDir, null, defaults.openWikiCap(),
                defaults.maxBodyBytes(), true, defaults.proxy(), new Settings.Search(1, "off", dataDir.resolve("cache")),
                limits, defaults.render(), defaults.signIn())), java.time.Clock.systemUTC(), Wikis.Start.EMPTY);
        admin = signUp("firstadmin");
    }

    /** A new account (not an admin). */
    public Caller signUp(String name) {
        users++;
        User user = app.accounts().signUp(Caller.ANONYMOUS, name, "correct horse battery " + users, null, null);
        return new Caller(user);
    }

    public Wiki wiki(Caller owner, String slug) {
        return app.catalog().create(owner, slug, slug, false);
    }

    /** The folder of a wiki's bare git repository. */
    public Path repository(Wiki wiki) {
        return app.settings().wikisDir().resolve(wiki.id().value()).resolve("repo.git");
    }

    /** {@link Settings.Limits} with defaults, changed one by one: {@code limits().tokensPerWiki(3).build()}. */
    public static LimitsBuilder limits() {
        return new LimitsBuilder();
    }

    public static final class LimitsBuilder {
        private Settings.Limits l = Settings.Limits.DEFAULT;

        public LimitsBuilder maxPageBytes(long v) {
            l = new Settings.Limits(v, l.maxMessageChars(), l.maxNameChars(), l.maxListBytes(), l.maxListItems(),
                    l.wikisPerAccount(), l.tokensPerWiki(), l.draftsPerUser(), l.mcpSessionsPerToken(),
                    l.mcpSessionsMax(), l.mcpSessionIdleMinutes());
            return this;
        }

        public LimitsBuilder maxMessageChars(int v) {
            l = new Settings.Limits(l.maxPageBytes(), v, l.maxNameChars(), l.maxListBytes(), l.maxListItems(),
                    l.wikisPerAccount(), l.tokensPerWiki(), l.draftsPerUser(), l.mcpSessionsPerToken(),
                    l.mcpSessionsMax(), l.mcpSessionIdleMinutes());
            return this;
        }

        public LimitsBuilder maxListBytes(long v) {
            l = new Settings.Limits(l.maxPageBytes(), l.maxMessageChars(), l.maxNameChars(), v, l.maxListItems(),
                    l.wikisPerAccount(), l.tokensPerWiki(), l.draftsPerUser(), l.mcpSessionsPerToken(),
                    l.mcpSessionsMax(), l.mcpSessionIdleMinutes());
            return this;
        }

        public LimitsBuilder caps(int wikisPerAccount, int tokensPerWiki, int draftsPerUser) {
            l = new Settings.Limits(l.maxPageBytes(), l.maxMessageChars(), l.maxNameChars(), l.maxListBytes(),
                    l.maxListItems(), wikisPerAccount, tokensPerWiki, draftsPerUser, l.mcpSessionsPerToken(),
                    l.mcpSessionsMax(), l.mcpSessionIdleMinutes());
            return this;
        }

        public LimitsBuilder mcpSessions(int perToken, int max, int idleMinutes) {
            l = new Settings.Limits(l.maxPageBytes(), l.maxMessageChars(), l.maxNameChars(), l.maxListBytes(),
                    l.maxListItems(), l.wikisPerAccount(), l.tokensPerWiki(), l.draftsPerUser(), perToken, max,
                    idleMinutes);
            return this;
        }

        public Settings.Limits build() {
            return l;
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
