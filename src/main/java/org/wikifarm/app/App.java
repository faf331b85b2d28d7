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
import org.wikifarm.auth.WikiCatalog;
import org.wikifarm.auth.WikiSettings;
import org.wikifarm.node.ChangeNotices;
import org.wikifarm.node.HaproxyRoutes;
import org.wikifarm.node.HaproxyRuntime;
import org.wikifarm.node.MovedCopies;
import org.wikifarm.node.Mover;
import org.wikifarm.node.NodeClient;
import org.wikifarm.node.NodeDirectory;
import org.wikifarm.node.NodeLife;
import org.wikifarm.node.NodeService;
import org.wikifarm.node.PlacementPolicy;
import org.wikifarm.node.Placements;
import org.wikifarm.node.ProxyRoutes;
import org.wikifarm.page.Draft;
import org.wikifarm.page.LastChangeTable;
import org.wikifarm.page.PageService;
import org.wikifarm.usage.UsageService;
import org.wikifarm.page.PageStores;
import org.wikifarm.page.git.GitPageStores;
import org.wikifarm.render.MarkdownRenderer;
import org.wikifarm.render.RenderCache;
import org.wikifarm.search.SearchService;
import org.wikifarm.search.SemanticModel;
import org.wikifarm.search.onnx.MiniLmModel;
import org.wikifarm.snapshot.SchemaMigrations;
import org.wikifarm.snapshot.SnapshotService;
import org.wikifarm.store.Freshness;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.tenant.InstanceSelector;
import org.wikifarm.tenant.RecentWikis;
import org.wikifarm.tenant.WikiNames;
import org.wikifarm.look.Looks;
import org.wikifarm.page.git.Repacks;
import org.wikifarm.auth.WikiSelector;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.tenant.FarmHosts;
import org.wikifarm.tenant.LevelsMerge;
import org.wikifarm.tenant.LinkOrders;
import org.wikifarm.tenant.PlatformRoutes;
import org.wikifarm.tenant.SingleWiki;
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
    private final WikiCatalog catalog;
    private final Accounts accounts;
    private final PageService pages;
    private final UsageService usage;
    private final SemanticModel model;
    private final SearchService search;
    private final Permissions permissions;
    private final Tokens tokens;
    private final Members members;
    private final PlatformAdmin platformAdmin;
    private final WikiSettings wikiSettings;
    private final InstanceSelector instanceSelector;
    private final WikiSelector selector;
    private final WikiNames names;
    private final Looks looks;
    private final Repacks repacks;
    private final TenantResolver resolver;
    private final WebSecurityManager securityManager;
    private final RenderCache renderCache;
    private final LoginThrottle loginThrottle;
    private final FarmHosts farmHosts;
    private final SignInTickets signInTickets;
    private final SignInFamilies signInFamilies = new SignInFamilies();
    private final SnapshotService snapshots;
    private final SchemaMigrations migrations;
    private final Placements placements;
    private final NodeService nodes;
    private final Mover mover;
    private final NodeLife nodeLife;

    public App(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the time every cache, token and sign-in of the application goes by */
    public App(Settings settings, Clock clock) {
        this(settings, clock, Wikis.Start.WITH_HOME);
    }

    /** @param start what new wikis start with: their Home page, or nothing (tests that write every page) */
    public App(Settings settings, Clock clock, Wikis.Start start) {
        this.settings = settings;
        this.renderCache = new RenderCache(new MarkdownRenderer(
                java.time.Duration.ofMillis(settings.render().budgetMillis())));
        TrustedProxies proxies = TrustedProxies.parse(settings.proxy().trustedProxies());
        // A proxy's address is shared by everyone behind it: count failed sign-ins per account only for those.
        this.loginThrottle = new LoginThrottle(clock,
                address -> LoginThrottle.isLoopback(address) || proxies.contains(address));
        this.platform = PlatformDatabase.open(settings,
                new Freshness(clock, java.time.Duration.ofSeconds(settings.auth().cacheSeconds())));
        // Before anything opens a wiki: the access levels some wiki.db files still hold move to the platform.
        new LevelsMerge(platform, settings.wikisDir()).run();
        this.openWikis = new OpenWikis(settings.wikisDir(), settings.openWikiCap(), clock,
                settings.operations().adminMigrations());
        this.sessions = new WikiSessions(openWikis, List.of(WikiStat.class, WikiPreference.class, Draft.class));
        this.wikiRepository = new WikiRepository(platform);
        this.wikis = new Wikis(platform, wikiRepository, openWikis, settings.limits(), clock, start);
        // Before anything starts a thread: single-wiki mode refuses a data folder that does not say which wiki.
        this.resolver = resolver(settings, wikiRepository, wikis);
        UserRepository users = new UserRepository(platform);
        Passwords passwords = new Passwords();
        // Several nodes share a platform database that is not the embedded file; each answers only for its wikis.
        Settings.Cluster cluster = settings.cluster();
        boolean several = !cluster.platformDb().embedded();
        NodeDirectory directory = new NodeDirectory(platform, clock);
        NodeClient nodeClient = new NodeClient(cluster.nodeSecret(), java.time.Duration.ofMinutes(30));
        // HAProxy told at once where a wiki went (when its runtime API is set), and put right every beat.
        java.util.Optional<HaproxyRuntime> haproxy = HaproxyRuntime.of(cluster);
        HaproxyRoutes haproxyRoutes = haproxy.map(runtime -> new HaproxyRoutes(runtime, cluster.haproxyMap(),
                settings.baseDomain(), wikiRepository, platform)).orElse(null);
        ProxyRoutes routes = several && haproxyRoutes != null ? haproxyRoutes : ProxyRoutes.NONE;
        this.placements = new Placements(platform, cluster.nodeName(), several, directory,
                new PlacementPolicy(cluster.placement()), nodeClient, routes);
        this.wikis.placeWith(placements);
        this.permissions = new Permissions(users, placements);
        this.catalog = new WikiCatalog(wikis, permissions, settings.limits().maxListItems());
        this.farmHosts = new FarmHosts(settings.baseDomain(), wikiRepository);
        this.signInTickets = new SignInTickets(clock, settings.signIn());
        this.platformAdmin = new PlatformAdmin(platform, users, wikiRepository, settings.wikisDir(), farmHosts,
                settings.limits().maxListItems(), permissions, openWikis);
        this.accounts = new Accounts(users, passwords, () -> platformAdmin.signupEnabled(settings.signupEnabled()),
                signInFamilies::alive, permissions);
        this.tokens = new Tokens(new TokenRepository(platform), permissions, settings.limits(), clock);
        // Pages live in git, each wiki's last-change answers in its own database.
        // Which half of [[a|b]] names the page is each wiki's own choice (its wiki.db), read by every reader of links.
        LinkOrders linkOrders = new LinkOrders(sessions, clock,
                java.time.Duration.ofSeconds(settings.auth().cacheSeconds()));
        PageStores pageStores = new GitPageStores(id -> new LastChangeTable(sessions, id), clock, linkOrders::of);
        this.pages = new PageService(openWikis::acquire, permissions, sessions, wikiRepository, settings.limits(),
                pageStores);
        this.model = MiniLmModel.semanticModel(settings.search());
        this.search = SearchService.start(settings.search(), settings.wikisDir(), openWikis, sessions, permissions,
                model, pageStores, linkOrders::of);
        this.pages.onChange(search::changed);
        this.usage = new UsageService(platform, wikiRepository, sessions, openWikis::acquire, pageStores, permissions,
                settings.wikisDir(), settings.quota(), settings.limits().maxListItems(), clock);
        this.pages.guard(usage.quota());
        this.pages.onChange(usage::changed);
        // A push can bring a lot at once: its wiki is measured again soon, not at the next scheduled run.
        this.pages.onPush((wiki, pushed) -> usage.measureSoon(wiki.id()));
        // ...and is repacked into one pack with a bitmap index, which later clones count their objects from.
        this.repacks = new Repacks(openWikis::acquire);
        this.pages.onPush((wiki, pushed) -> repacks.soon(wiki.id()));
        this.pages.onAttachments(wiki -> usage.measureSoon(wiki.id()));
        if (several) {
            usage.measureOnNode(cluster.nodeName());
        }
        usage.start();
        this.members = new Members(platform, users, wikiRepository, wikis, permissions,
                settings.limits().maxListItems());
        this.wikiSettings = new WikiSettings(wikiRepository, permissions, settings.limits().maxNameChars(),
                linkOrders);
        // The link graph notices a new order by itself; search reads every page again.
        this.wikiSettings.onLinkOrderChange(search::linkOrderChanged);
        // Choosing a wiki: recent wikis per user (platform database) and per installation (data/instance/).
        this.instanceSelector = new InstanceSelector(settings.dataDir().resolve("instance").resolve("selector.json"),
                clock);
        this.selector = new WikiSelector(wikis, new RecentWikis(platform, clock), instanceSelector, permissions,
                settings.limits().maxListItems());
        this.pages.onChange(change -> wikis.recordChange(change.wiki()));
        // A wiki's display name travels with it, in its own wiki.db as well as in the platform's list.
        WikiNames names = new WikiNames(sessions, wikiRepository);
        // (Where the wiki's files are: a wiki placed on another node gets its name there, from /-node/wikis.)
        this.catalog.onCreate(wiki -> {
            if (openWikis.exists(wiki.id())) {
                names.store(wiki.id(), wiki.displayName());
            }
        });
        this.wikiSettings.onNameChange(names::store);
        this.names = names;
        this.looks = new Looks(sessions, permissions, clock, java.time.Duration.ofSeconds(settings.auth().cacheSeconds()));
        this.snapshots = new SnapshotService(openWikis, permissions, catalog, usage, search,
                settings.operations().snapshotsPerWiki(), clock);
        this.migrations = new SchemaMigrations(openWikis, wikiRepository, permissions, clock,
                settings.limits().maxListItems());
        this.securityManager = Security.manager(users, passwords, tokens);
        MovedCopies oldCopies = new MovedCopies(settings.dataDir().resolve("instance").resolve("moved"), openWikis,
                clock, java.time.Duration.ofSeconds(cluster.moveGraceSeconds()));
        this.mover = new Mover(placements, directory, nodeClient, openWikis, oldCopies, routes, id -> {
            search.rebuild(id);
            usage.measureSoon(id);
        }, clock, Mover.MAX_COPY_BYTES);
        this.nodes = new NodeService(permissions, directory, placements, mover, wikis);
        ChangeNotices notices = new ChangeNotices(directory, nodeClient, cluster.nodeName());
        if (several && cluster.reachable()) {
            platform.freshness().onChange(notices::changed);
        }
        this.nodeLife = several ? NodeLife.start(cluster, settings.dataDir(), directory, placements, oldCopies,
                notices, openWikis::exists, haproxyRoutes) : null;
    }

    /**
     * Path or host mode; or single-wiki mode, which serves one wiki at {@code /} beside the platform's own routes
     * (read from the web layer's servlet mappings and the platform API's resources), refuses to start when the data
     * folder does not say which wiki, and lets no second wiki be created.
     */
    private static TenantResolver resolver(Settings settings, WikiRepository repository, Wikis wikis) {
        if (!settings.mode().single()) {
            return new TenantResolver(settings.baseDomain(), repository);
        }
        SingleWiki single = new SingleWiki(repository, settings.mode().singleWiki());
        single.checkAtStart();
        wikis.onlyOne(single);
        return TenantResolver.single(repository, single::current, new PlatformRoutes(
                org.wikifarm.web.PlatformPaths.FIRST_SEGMENTS, org.wikifarm.api.ApiApplications.PLATFORM_SEGMENTS));
    }

    public Settings settings() {
        return settings;
    }

    /** The platform database (its statement counter, for tests). */
    public PlatformDatabase platform() {
        return platform;
    }

    public OpenWikis openWikis() {
        return openWikis;
    }

    public Wikis wikis() {
        return wikis;
    }

    /** Creating wikis and listing them for a caller, as {@link Permissions} decides. */
    public WikiCatalog catalog() {
        return catalog;
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

    /** Display names kept in each wiki's own database ({@link WikiNames#adopt} after its files came from elsewhere). */
    public WikiNames names() {
        return names;
    }

    /** Each wiki's look: home page, menu, extra CSS. */
    public Looks looks() {
        return looks;
    }

    public WikiSelector selector() {
        return selector;
    }

    public WikiSettings wikiSettings() {
        return wikiSettings;
    }

    public Permissions permissions() {
        return permissions;
    }

    /** Usage and quotas; git pushes and uploads call its {@code measureSoon} and guard their writes by its quota. */
    public UsageService usage() {
        return usage;
    }

    public PageService pages() {
        return pages;
    }

    public SearchService search() {
        return search;
    }

    /** Wikis by schema version and migrating them (platform admins, the command-line tool). */
    public SchemaMigrations migrations() {
        return migrations;
    }

    /** A wiki's snapshots and restores (the REST API, the web UI and the command-line tool). */
    public SnapshotService snapshots() {
        return snapshots;
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

    /** Which node holds each wiki ({@link org.wikifarm.tenant.WikiNodes}): one node alone holds them all. */
    public Placements placements() {
        return placements;
    }

    /** The farm's nodes and moving wikis between them (platform admins, the command-line tool). */
    public NodeService nodes() {
        return nodes;
    }

    /** Moves' two sides, for the calls nodes make to each other. */
    public Mover mover() {
        return mover;
    }

    @Override
    public void close() {
        if (nodeLife != null) {
            nodeLife.close();
        }
        migrations.close();
        instanceSelector.close();
        usage.close();
        search.close();
        model.close();
        sessions.close();
        openWikis.close();
        platform.close();
    }
}
