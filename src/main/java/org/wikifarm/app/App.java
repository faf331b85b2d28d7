package org.wikifarm.app;

import org.wikifarm.config.Settings;

import java.time.Clock;
import java.util.List;
import org.apache.shiro.web.mgt.WebSecurityManager;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.LoginThrottle;
import org.wikifarm.auth.TrustedProxies;
import org.wikifarm.auth.Members;
import org.wikifarm.auth.Passwords;
import org.wikifarm.auth.PlatformAdmin;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.Security;
import org.wikifarm.auth.SignInFamilies;
import org.wikifarm.auth.SignInTickets;
import org.wikifarm.auth.TokenRepository;
import org.wikifarm.auth.Tokens;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.auth.WikiAccess;
import org.wikifarm.auth.WikiSettings;
import org.wikifarm.page.Draft;
import org.wikifarm.page.PageService;
import org.wikifarm.render.MarkdownRenderer;
import org.wikifarm.render.RenderCache;
import org.wikifarm.search.SearchService;
import org.wikifarm.search.SemanticModel;
import org.wikifarm.search.onnx.MiniLmModel;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.tenant.FarmHosts;
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
    private final SemanticModel model;
    private final SearchService search;
    private final WikiAccess access;
    private final Permissions permissions;
    private final Tokens tokens;
    private final Members members;
    private final PlatformAdmin platformAdmin;
    private final WikiSettings wikiSettings;
    private final TenantResolver resolver;
    private final WebSecurityManager securityManager;
    private final RenderCache renderCache;
    private final LoginThrottle loginThrottle;
    private final FarmHosts farmHosts;
    private final SignInTickets signInTickets;
    private final SignInFamilies signInFamilies = new SignInFamilies();

    public App(Settings settings) {
        this.settings = settings;
        this.renderCache = new RenderCache(new MarkdownRenderer(
                java.time.Duration.ofMillis(settings.render().budgetMillis())));
        TrustedProxies proxies = TrustedProxies.parse(settings.proxy().trustedProxies());
        // A proxy's address is shared by everyone behind it: count failed sign-ins per account only for those.
        this.loginThrottle = new LoginThrottle(Clock.systemUTC(),
                address -> LoginThrottle.isLoopback(address) || proxies.contains(address));
        this.platform = new PlatformDatabase(settings.platformDatabase());
        this.openWikis = new OpenWikis(settings.wikisDir(), settings.openWikiCap());
        this.sessions = new WikiSessions(openWikis, List.of(WikiStat.class, WikiPreference.class, Draft.class));
        this.wikiRepository = new WikiRepository(platform);
        this.wikis = new Wikis(platform, wikiRepository, openWikis, settings.limits());
        UserRepository users = new UserRepository(platform);
        Passwords passwords = new Passwords();
        this.farmHosts = new FarmHosts(settings.baseDomain(), wikiRepository);
        this.signInTickets = new SignInTickets(Clock.systemUTC(), settings.signIn());
        this.platformAdmin = new PlatformAdmin(platform, users, wikiRepository, settings.wikisDir(), farmHosts,
                settings.limits().maxListItems());
        this.accounts = new Accounts(users, passwords, () -> platformAdmin.signupEnabled(settings.signupEnabled()),
                signInFamilies::alive);
        this.access = new WikiAccess(sessions);
        this.permissions = new Permissions(users, access::of);
        this.tokens = new Tokens(new TokenRepository(platform), permissions, settings.limits());
        this.pages = new PageService(openWikis, permissions, sessions, wikiRepository, settings.limits());
        this.model = MiniLmModel.semanticModel(settings.search());
        this.search = SearchService.start(settings.search(), settings.wikisDir(), openWikis, sessions, permissions,
                model);
        this.pages.onChange(search::changed);
        this.members = new Members(platform, users, wikiRepository, wikis, permissions,
                settings.limits().maxListItems());
        this.wikiSettings = new WikiSettings(wikiRepository, access, permissions, settings.limits().maxNameChars());
        this.resolver = new TenantResolver(settings.baseDomain(), wikiRepository);
        this.securityManager = Security.manager(users, passwords, tokens);
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

    public Tokens tokens() {
        return tokens;
    }

    public PlatformAdmin platformAdmin() {
        return platformAdmin;
    }

    public Members members() {
        return members;
    }

    public WikiSettings wikiSettings() {
        return wikiSettings;
    }

    public Permissions permissions() {
        return permissions;
    }

    public WikiAccess access() {
        return access;
    }

    public PageService pages() {
        return pages;
    }

    public SearchService search() {
        return search;
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

    /** Which hosts are the farm's: the base domain, the names under it, registered custom domains. */
    public FarmHosts farmHosts() {
        return farmHosts;
    }

    /** One-time tickets that carry a sign-in to a wiki on a custom domain. */
    public SignInTickets signInTickets() {
        return signInTickets;
    }

    /** The sessions of one sign-in across the platform and custom domains; a session listener. */
    public SignInFamilies signInFamilies() {
        return signInFamilies;
    }

    /** Failed sign-ins per account and address, shared by every sign-in path (login form, HTTP Basic). */
    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    @Override
    public void close() {
        search.close();
        model.close();
        sessions.close();
        openWikis.close();
        platform.close();
    }
}
