package org.wikifarm.app;

import java.util.List;
import org.apache.shiro.web.mgt.WebSecurityManager;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Passwords;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.Security;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.page.Draft;
import org.wikifarm.page.PageService;
import org.wikifarm.render.MarkdownRenderer;
import org.wikifarm.render.RenderCache;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.WikiRepository;
import org.wikifarm.tenant.Wikis;

/** Every service of a running Wikifarm, wired once from {@link Settings}; closing it releases every file. */
public final class App implements AutoCloseable {
    private final Settings settings;
    private final PlatformDatabase platform;
    private final OpenWikis openWikis;
    private final WikiSessions sessions;
    private final WikiRepository wikiRepository;
    private final Wikis wikis;
    private final Accounts accounts;
    private final PageService pages;
    private final TenantResolver resolver;
    private final WebSecurityManager securityManager;
    private final RenderCache renderCache = new RenderCache(new MarkdownRenderer());

    public App(Settings settings) {
        this.settings = settings;
        this.platform = new PlatformDatabase(settings.platformDatabase());
        this.openWikis = new OpenWikis(settings.wikisDir(), settings.openWikiCap());
        this.sessions = new WikiSessions(openWikis, List.of(WikiStat.class, WikiPreference.class, Draft.class));
        this.wikiRepository = new WikiRepository(platform);
        this.wikis = new Wikis(platform, wikiRepository, openWikis);
        UserRepository users = new UserRepository(platform);
        Passwords passwords = new Passwords();
        this.accounts = new Accounts(users, passwords, settings.signupEnabled());
        this.pages = new PageService(openWikis, new Permissions(users), sessions, wikiRepository);
        this.resolver = new TenantResolver(settings.baseDomain(), wikiRepository);
        this.securityManager = Security.manager(users, passwords);
    }

    public Settings settings() {
        return settings;
    }

    public OpenWikis openWikis() {
        return openWikis;
    }

    public Wikis wikis() {
        return wikis;
    }

    public Accounts accounts() {
        return accounts;
    }

    public PageService pages() {
        return pages;
    }

    public TenantResolver resolver() {
        return resolver;
    }

    public RenderCache renderCache() {
        return renderCache;
    }

    public WebSecurityManager securityManager() {
        return securityManager;
    }

    @Override
    public void close() {
        sessions.close();
        openWikis.close();
        platform.close();
    }
}
