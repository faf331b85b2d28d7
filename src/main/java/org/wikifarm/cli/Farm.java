package org.wikifarm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.User;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.importer.ImportRecords;
import org.wikifarm.importer.Importer;
import org.wikifarm.page.Draft;
import org.wikifarm.page.LastChangeTable;
import org.wikifarm.page.PageStores;
import org.wikifarm.page.git.GitPageStores;
import org.wikifarm.search.SearchService;
import org.wikifarm.search.SemanticModel;
import org.wikifarm.search.onnx.MiniLmModel;
import org.wikifarm.store.DataDirLock;
import org.wikifarm.store.Freshness;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.WikiRepository;

/**
 * The product's services over a stopped server's data folder, wired as {@code app.App} wires them but without
 * anything of the servlet container (no Shiro web, no filters, no scheduled usage job). Opened only by commands that
 * write, under the data folder's {@link DataDirLock}, taken first: a running server makes it fail before anything
 * is opened. Settings come from the same {@code WIKIFARM_*} variables and {@code wikifarm.*} properties as the
 * server's, with {@code --data} as the data folder.
 */
final class Farm implements AutoCloseable {
    /** The operator at the console: a platform administrator, who may do anything to any wiki. */
    static final Caller OPERATOR = new Caller(new User(0, new Username("cli-operator"), null, "wikifarm CLI", true,
            false, Instant.EPOCH));

    private final DataDirLock lock;
    private final Settings settings;
    private final Clock clock = Clock.systemUTC();
    private final PlatformDatabase platform;
    private final OpenWikis openWikis;
    private final WikiSessions sessions;
    private final WikiRepository wikis;
    private final UserRepository users;
    private final Permissions permissions;
    private final PageStores pageStores;
    private SemanticModel model;
    private SearchService search;
    private org.wikifarm.usage.UsageService usage;
    private org.wikifarm.snapshot.SnapshotService snapshots;
    private org.wikifarm.snapshot.SchemaMigrations migrations;

    private Farm(Path dataDir, String holder) {
        this.lock = DataDirLock.take(requireDataDir(dataDir), holder);
        try {
            Settings loaded = Settings.load(key -> null);
            this.settings = Settings.defaults(dataDir).withQuota(loaded.quota()).withCluster(loaded.cluster());
            this.platform = PlatformDatabase.open(settings,
                    new Freshness(clock, Duration.ofSeconds(settings.auth().cacheSeconds())));
            this.openWikis = new OpenWikis(settings.wikisDir(), settings.openWikiCap(), clock);
            this.sessions = new WikiSessions(openWikis, List.of(WikiStat.class, WikiPreference.class, Draft.class));
            this.wikis = new WikiRepository(platform);
            this.users = new UserRepository(platform);
            this.permissions = new Permissions(users);
            this.pageStores = new GitPageStores(id -> new LastChangeTable(sessions, id), clock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Takes the data folder for a writing command ({@code holder} names it in the lock file). */
    static Farm open(Path dataDir, String holder) {
        return new Farm(dataDir, holder);
    }

    /**
     * The data folder, if it is one: it holds {@code platform.db} (or, with the platform database on PostgreSQL, a
     * {@code wikis} folder). Checked before anything is created.
     */
    static Path requireDataDir(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            throw new WikifarmException.InvalidInput("not_a_data_dir", dataDir + " is not a folder. Name the"
                    + " server's data folder with --data DIR (the setting wikifarm.dataDir).");
        }
        boolean embedded = Settings.load(key -> null).cluster().platformDb().embedded();
        // With the platform database on PostgreSQL (platformDbUrl), a node's data folder holds its wikis only.
        if (embedded ? !Files.isRegularFile(dataDir.resolve("platform.db")) : !Files.isDirectory(dataDir.resolve("wikis"))) {
            throw new WikifarmException.InvalidInput("not_a_data_dir", dataDir + " is not a Wikifarm data folder"
                    + " (it has no platform.db). Name the server's data folder with --data DIR; a new one is made"
                    + " by starting the server once.");
        }
        return dataDir;
    }

    Settings settings() {
        return settings;
    }

    PlatformDatabase platform() {
        return platform;
    }

    WikiRepository wikis() {
        return wikis;
    }

    OpenWikis openWikis() {
        return openWikis;
    }

    Importer importer() {
        return new Importer(platform, wikis, users, openWikis, settings.wikisDir(),
                new ImportRecords(settings.dataDir()), clock);
    }

    /** A Wikifarm wiki of another installation, from one of its snapshot folders. */
    org.wikifarm.importer.SnapshotImport snapshotImport() {
        return new org.wikifarm.importer.SnapshotImport(platform, wikis, users, openWikis, settings.wikisDir(),
                new ImportRecords(settings.dataDir()), clock);
    }

    ImportRecords importRecords() {
        return new ImportRecords(settings.dataDir());
    }

    /** Search, started on first need (its workers index in the background of this process). */
    SearchService search() {
        if (search == null) {
            model = MiniLmModel.semanticModel(settings.search());
            search = SearchService.start(settings.search(), settings.wikisDir(), openWikis, sessions, permissions,
                    model, pageStores);
        }
        return search;
    }

    /** Snapshots and restores by wiki id ({@code SnapshotService.operator}), as a platform admin's would be. */
    org.wikifarm.snapshot.SnapshotService.Operator snapshots() {
        if (snapshots == null) {
            org.wikifarm.auth.WikiCatalog catalog = new org.wikifarm.auth.WikiCatalog(
                    new org.wikifarm.tenant.Wikis(platform, wikis, openWikis, settings.limits(), clock), permissions,
                    settings.limits().maxListItems());
            snapshots = new org.wikifarm.snapshot.SnapshotService(openWikis, permissions, catalog, usage(), search(),
                    settings.operations().snapshotsPerWiki(), clock);
        }
        return snapshots.operator();
    }

    /** Schema migrations by wiki id ({@code SchemaMigrations.operator}), whatever the setting {@code migrations}. */
    org.wikifarm.snapshot.SchemaMigrations.Operator migrations() {
        if (migrations == null) {
            migrations = new org.wikifarm.snapshot.SchemaMigrations(openWikis, wikis, permissions, clock,
                    settings.limits().maxListItems());
        }
        return migrations.operator();
    }

    /** Usage measuring, without its scheduled job. */
    org.wikifarm.usage.UsageService usage() {
        if (usage == null) {
            usage = new org.wikifarm.usage.UsageService(platform, wikis, sessions, openWikis::acquire, pageStores,
                    permissions, settings.wikisDir(), settings.quota(), settings.limits().maxListItems(), clock);
        }
        return usage;
    }

    @Override
    public void close() {
        try {
            if (migrations != null) {
                migrations.close();
            }
            if (usage != null) {
                usage.close();
            }
            if (search != null) {
                search.close();
                model.close();
            }
            sessions.close();
            openWikis.close();
            platform.close();
        } finally {
            lock.close();
        }
    }
}
