package org.wikifarm.config;

import org.wikifarm.error.WikifarmException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * Every option of the product with its default, read once at start-up and passed to whoever needs it.
 * A key such as {@code dataDir} is looked up, weakest first, as a Tomcat context parameter or JNDI environment
 * entry {@code wikifarm.dataDir}, a JVM system property {@code wikifarm.dataDir}, and an environment variable
 * {@code WIKIFARM_DATA_DIR}. docs/configuration.md lists them all.
 *
 * @param dataDir         where {@code platform.db} and {@code wikis/} live
 * @param baseDomain      when set, host mode: {@code alice.<base>/<wiki>/} and {@code <custom-slug>.<base>/};
 *                        when empty, path mode: {@code /alice/<wiki>/}
 * @param openWikiCap     how many wikis stay open (SQLite connections, git repositories) at once
 * @param maxBodyBytes    the largest request body accepted (HTTP 413 above it)
 * @param signupEnabled   whether anyone may create a local account (the first account is always allowed)
 * @param proxy           which peers may assert identities in headers, and the header names
 * @param search          search indexing and the embedding model
 * @param limits          sizes of what users write and read, and caps on what one account, wiki or token creates
 * @param render          bounds on turning a page's Markdown into HTML
 * @param signIn          sign-in across the hosts of the farm (host mode)
 * @param auth            how long answers about who may do what are remembered
 * @param git             bounds on git clone, fetch and push
 * @param quota           each wiki's default limits (bytes, pages) and how often its usage is measured
 * @param operations      snapshots and schema migrations (docs/snapshots.md)
 * @param mode            {@code farm} (many wikis under {@code /<user>/<wiki>}) or {@code single} (one wiki at {@code /})
 * @param cluster         where the platform database is and which node this is (docs/scale-out.md)
 */
public record Settings(Path dataDir, String baseDomain, int openWikiCap, long maxBodyBytes, boolean signupEnabled,
                       Proxy proxy, Search search, Limits limits, Render render, SignIn signIn, Auth auth, Git git,
                       Quota quota, Operations operations, Mode mode, Cluster cluster) {

    /**
     * The platform database when it is not the embedded SQLite file {@code data/platform.db} (docs/scale-out.md).
     *
     * @param url      a JDBC URL ({@code jdbc:postgresql://host/db}); empty with an empty {@code jndi}: SQLite
     * @param user     the database user for {@code url}
     * @param password that user's password
     * @param jndi     the JNDI name of a DataSource in Tomcat's context ({@code java:comp/env/jdbc/wikifarm}),
     *                 used instead of {@code url}
     * @param poolSize the most connections this node holds to it (1–200)
     */
    public record PlatformDb(String url, String user, String password, String jndi, int poolSize) {
        public static final PlatformDb SQLITE = new PlatformDb("", "", "", "", 10);

        public PlatformDb {
            url = url == null ? "" : url.strip();
            user = user == null ? "" : user.strip();
            password = password == null ? "" : password;
            jndi = jndi == null ? "" : jndi.strip();
            if (!url.isEmpty() && !jndi.isEmpty()) {
                throw new InvalidInput("invalid_setting", "Set platformDbUrl or platformDbJndi, not both.");
            }
            if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
                throw new InvalidInput("invalid_setting", "platformDbUrl must be a PostgreSQL JDBC URL"
                        + " (jdbc:postgresql://host:port/database); leave it empty for the embedded SQLite file.");
            }
            if (poolSize < 1 || poolSize > 200) {
                throw new InvalidInput("invalid_setting", "platformDbPoolSize must be between 1 and 200.");
            }
        }

        /** Whether the platform database is the embedded SQLite file. */
        public boolean embedded() {
            return url.isEmpty() && jndi.isEmpty();
        }

        static PlatformDb load(Source source) {
            return new PlatformDb(source.get("platformDbUrl", ""), source.get("platformDbUser", ""),
                    source.get("platformDbPassword", ""), source.get("platformDbJndi", ""),
                    source.getInt("platformDbPoolSize", SQLITE.poolSize));
        }
    }

    /**
     * This node among the farm's nodes (docs/scale-out.md). One node with the embedded database needs none of it.
     *
     * @param platformDb       where the platform database is
     * @param nodeName         this node's name in the placement table ({@code [a-z0-9-]}, 1–40 characters)
     * @param nodeUrl          where the other nodes reach this one ({@code http://10.0.0.2:8080/wikifarm}); empty:
     *                         alone
     * @param nodeSecret       the secret the nodes share to call each other (at least 32 characters when set)
     * @param placement        where a new wiki goes: {@code most-room} (the live node with the most free disk) or
     *                         {@code hash} (a consistent hash of the wiki's id over the live nodes)
     * @param moveGraceSeconds how long a moved wiki's old copy is kept on its old node (0–604,800)
     * @param haproxyRuntime   HAProxy's runtime API ({@code 127.0.0.1:9999} or a unix socket path); empty: none
     * @param haproxyMap       the map file HAProxy routes by, as HAProxy names it in its configuration
     */
    public record Cluster(PlatformDb platformDb, String nodeName, String nodeUrl, String nodeSecret,
                          String placement, int moveGraceSeconds, String haproxyRuntime, String haproxyMap) {
        public static final Cluster ALONE = new Cluster(PlatformDb.SQLITE, "local", "", "", "most-room", 3600, "",
                "/etc/haproxy/wikifarm.map");

        public Cluster {
            nodeName = nodeName == null ? "" : nodeName.strip();
            if (nodeName.isEmpty() || nodeName.length() > 40 || !nodeName.chars().allMatch(
                    c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw new InvalidInput("invalid_setting",
                        "nodeName must be 1–40 characters of a–z, 0–9 and '-'.");
            }
            nodeUrl = nodeUrl == null ? "" : nodeUrl.strip();
            while (nodeUrl.endsWith("/")) {
                nodeUrl = nodeUrl.substring(0, nodeUrl.length() - 1);
            }
            if (!nodeUrl.isEmpty() && !nodeUrl.startsWith("http://") && !nodeUrl.startsWith("https://")) {
                throw new InvalidInput("invalid_setting", "nodeUrl must start with http:// or https://.");
            }
            nodeSecret = nodeSecret == null ? "" : nodeSecret.strip();
            if (!nodeSecret.isEmpty() && nodeSecret.length() < 32) {
                throw new InvalidInput("invalid_setting", "nodeSecret must have at least 32 characters.");
            }
            if (!nodeUrl.isEmpty() && nodeSecret.isEmpty()) {
                throw new InvalidInput("invalid_setting", "A node with a nodeUrl needs a nodeSecret (at least 32"
                        + " characters, the same on every node) so that only the farm's nodes can call it.");
            }
            placement = placement == null ? "most-room" : placement.strip().toLowerCase(Locale.ROOT);
            if (!"most-room".equals(placement) && !"hash".equals(placement)) {
                throw new InvalidInput("invalid_setting", "placement must be 'most-room' or 'hash'.");
            }
            if (moveGraceSeconds < 0 || moveGraceSeconds > 604_800) {
                throw new InvalidInput("invalid_setting", "moveGraceSeconds must be between 0 and 604800.");
            }
            haproxyRuntime = haproxyRuntime == null ? "" : haproxyRuntime.strip();
            haproxyMap = haproxyMap == null || haproxyMap.isBlank() ? ALONE_MAP : haproxyMap.strip();
        }

        private static final String ALONE_MAP = "/etc/haproxy/wikifarm.map";

        /** Whether other nodes may call this one (it has an address and a shared secret). */
        public boolean reachable() {
            return !nodeUrl.isEmpty();
        }

        static Cluster load(Source source) {
            return new Cluster(PlatformDb.load(source), source.get("nodeName", ALONE.nodeName),
                    source.get("nodeUrl", ""), source.get("nodeSecret", ""),
                    source.get("placement", ALONE.placement), source.getInt("moveGraceSeconds",
                    ALONE.moveGraceSeconds), source.get("haproxyRuntime", ""),
                    source.get("haproxyMap", ALONE_MAP));
        }
    }

    /**
     * How the farm is served (docs/configuration.md, "Single-wiki mode").
     *
     * @param name       {@code farm}: every wiki under its owner's path or host; {@code single}: one wiki at {@code /}
     *                   with the platform's own routes (sign-in, account, admin area) beside it
     * @param singleWiki in single mode, the wiki served, {@code owner/slug}; null: the one wiki the platform has
     */
    public record Mode(String name, String singleWiki) {
        public static final Mode FARM = new Mode("farm", null);

        public Mode {
            if (!"farm".equals(name) && !"single".equals(name)) {
                throw new InvalidInput("invalid_setting", "mode must be 'farm' or 'single'.");
            }
            singleWiki = singleWiki == null || singleWiki.isBlank() ? null : singleWiki.strip();
            if (singleWiki != null && singleWiki.indexOf('/') <= 0) {
                throw new InvalidInput("invalid_setting", "singleWiki must be owner/slug, such as alice/notes.");
            }
        }

        public boolean single() {
            return "single".equals(name);
        }

        static Mode load(Source source) {
            return new Mode(source.get("mode", FARM.name).toLowerCase(Locale.ROOT), source.get("singleWiki", ""));
        }
    }

    /** The settings in farm mode. */
    public Settings(Path dataDir, String baseDomain, int openWikiCap, long maxBodyBytes, boolean signupEnabled,
                    Proxy proxy, Search search, Limits limits, Render render, SignIn signIn, Auth auth, Git git,
                    Quota quota, Operations operations) {
        this(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, limits, render, signIn,
                auth, git, quota, operations, Mode.FARM, Cluster.ALONE);
    }

    /** The settings of one node alone with the embedded database. */
    public Settings(Path dataDir, String baseDomain, int openWikiCap, long maxBodyBytes, boolean signupEnabled,
                    Proxy proxy, Search search, Limits limits, Render render, SignIn signIn, Auth auth, Git git,
                    Quota quota, Operations operations, Mode mode) {
        this(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, limits, render, signIn,
                auth, git, quota, operations, mode, Cluster.ALONE);
    }

    /**
     * The operator's side of each wiki (docs/snapshots.md).
     *
     * @param snapshotsPerWiki how many snapshots one wiki may keep (1–1,000); one more is a 409 until one is deleted
     * @param migrations       {@code lazy}: a wiki with an older schema is migrated when it is first opened;
     *                         {@code admin}: only a platform admin migrates it, and readers are told it is being
     *                         upgraded (503) meanwhile
     */
    public record Operations(int snapshotsPerWiki, String migrations) {
        public static final Operations DEFAULT = new Operations(10, "lazy");

        public Operations {
            if (snapshotsPerWiki < 1 || snapshotsPerWiki > 1000) {
                throw new InvalidInput("invalid_setting", "snapshotsPerWiki must be between 1 and 1000.");
            }
            if (!"lazy".equals(migrations) && !"admin".equals(migrations)) {
                throw new InvalidInput("invalid_setting", "migrations must be 'lazy' or 'admin'.");
            }
        }

        /** Whether only platform admins migrate wikis (a visit never does). */
        public boolean adminMigrations() {
            return "admin".equals(migrations);
        }

        static Operations load(Source source) {
            return new Operations(source.getInt("snapshotsPerWiki", DEFAULT.snapshotsPerWiki),
                    source.get("migrations", DEFAULT.migrations).toLowerCase(Locale.ROOT));
        }
    }

    /** The settings with {@link Operations} at its defaults. */
    public Settings(Path dataDir, String baseDomain, int openWikiCap, long maxBodyBytes, boolean signupEnabled,
                    Proxy proxy, Search search, Limits limits, Render render, SignIn signIn, Auth auth, Git git,
                    Quota quota) {
        this(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, limits, render, signIn,
                auth, git, quota, Operations.DEFAULT);
    }

    /**
     * Quotas and usage: what one wiki may hold unless a platform admin sets its own limits, and how the figure the
     * quota is checked against is kept fresh. docs/quotas.md has the exact rule.
     *
     * @param bytes                the default limit on a wiki's folder on disk, in bytes (0: unlimited)
     * @param pages                the default limit on a wiki's number of pages (0: unlimited)
     * @param usageIntervalMinutes how often the scheduled job measures wikis' folders (1–1,440)
     * @param usageWikisPerRun     the most wikis one run of the job measures (1–100,000): changed wikis first, then
     *                             those measured longest ago, so a run's work is bounded however many wikis there are
     */
    public record Quota(long bytes, int pages, int usageIntervalMinutes, int usageWikisPerRun) {
        public static final Quota DEFAULT = new Quota(50L * 1024 * 1024, 500, 15, 200);

        public Quota {
            if (bytes < 0) {
                throw new InvalidInput("invalid_setting", "quotaBytes must be 0 (unlimited) or more.");
            }
            if (pages < 0) {
                throw new InvalidInput("invalid_setting", "quotaPages must be 0 (unlimited) or more.");
            }
            if (usageIntervalMinutes < 1 || usageIntervalMinutes > 24 * 60) {
                throw new InvalidInput("invalid_setting", "usageIntervalMinutes must be between 1 and 1440.");
            }
            if (usageWikisPerRun < 1 || usageWikisPerRun > 100_000) {
                throw new InvalidInput("invalid_setting", "usageWikisPerRun must be between 1 and 100000.");
            }
        }

        static Quota load(Source source) {
            return new Quota(source.getLong("quotaBytes", DEFAULT.bytes),
                    source.getInt("quotaPages", DEFAULT.pages),
                    source.getInt("usageIntervalMinutes", DEFAULT.usageIntervalMinutes),
                    source.getInt("usageWikisPerRun", DEFAULT.usageWikisPerRun));
        }
    }

    /** The settings without {@link Limits}, {@link Render}, {@link SignIn} and {@link Auth}: their defaults. */
    public Settings(Path dataDir, String baseDomain, int openWikiCap, long maxBodyBytes, boolean signupEnabled,
                    Proxy proxy, Search search) {
        this(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, Limits.DEFAULT,
                Render.DEFAULT, SignIn.DEFAULT, Auth.DEFAULT, Git.DEFAULT, Quota.DEFAULT);
    }

    /** The settings with {@link Auth} at its default. */
    public Settings(Path dataDir, String baseDomain, int openWikiCap, long maxBodyBytes, boolean signupEnabled,
                    Proxy proxy, Search search, Limits limits, Render render, SignIn signIn) {
        this(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, limits, render, signIn,
                Auth.DEFAULT, Git.DEFAULT, Quota.DEFAULT);
    }

    /** The settings with {@link Git} and {@link Quota} at their defaults. */
    public Settings(Path dataDir, String baseDomain, int openWikiCap, long maxBodyBytes, boolean signupEnabled,
                    Proxy proxy, Search search, Limits limits, Render render, SignIn signIn, Auth auth) {
        this(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, limits, render, signIn,
                auth, Git.DEFAULT, Quota.DEFAULT);
    }

    /**
     * git clone, fetch and push over HTTP ({@code docs/git.md}).
     *
     * @param maxPushBytes    the largest push request (commands and pack), in bytes: 413 above it, and the pack is
     *                        cut off there while it is received
     * @param maxPushCommits  how many new commits one push may bring (each one's files are checked)
     * @param requestsPerWiki how many git requests of one wiki run at once (more are answered 429), so one wiki's
     *                        clones cannot take every request thread
     * @param timeoutSeconds  how long a git request may wait for the client to send or read before it is ended
     */
    public record Git(long maxPushBytes, int maxPushCommits, int requestsPerWiki, int timeoutSeconds) {
        public static final Git DEFAULT = new Git(50L * 1024 * 1024, 10_000, 2, 120);

        public Git {
            if (maxPushBytes < 64 * 1024) {
                throw new InvalidInput("invalid_setting", "gitMaxPushBytes must be at least 65536.");
            }
            if (maxPushCommits < 1) {
                throw new InvalidInput("invalid_setting", "gitMaxPushCommits must be at least 1.");
            }
            if (requestsPerWiki < 1) {
                throw new InvalidInput("invalid_setting", "gitRequestsPerWiki must be at least 1.");
            }
            if (timeoutSeconds < 5 || timeoutSeconds > 3600) {
                throw new InvalidInput("invalid_setting", "gitTimeoutSeconds must be between 5 and 3600.");
            }
        }
    }

    /**
     * Authorization.
     *
     * @param cacheSeconds how long an answer read from the platform database for a permission decision (a user, a
     *                     role, a token, a wiki's levels and address) may be reused (1–300). A change made on this
     *                     node is seen at once; one made by another node sharing the database within this bound.
     */
    public record Auth(int cacheSeconds) {
        public static final Auth DEFAULT = new Auth(5);

        public Auth {
            if (cacheSeconds < 1 || cacheSeconds > 300) {
                throw new InvalidInput("invalid_setting", "authCacheSeconds must be between 1 and 300.");
            }
        }
    }

    /**
     * Sign-in on wikis with a custom domain, which cannot share the platform's session cookie: after signing in on
     * the platform's host, the browser carries a one-time ticket there by redirect.
     *
     * @param ticketSeconds  how long a ticket stays valid (1–600); it is used within a second or two by a redirect
     * @param ticketsPerUser how many unused tickets one person may hold at once (1–100); older ones are dropped
     */
    public record SignIn(int ticketSeconds, int ticketsPerUser) {
        public static final SignIn DEFAULT = new SignIn(60, 5);

        public SignIn {
            if (ticketSeconds < 1 || ticketSeconds > 600) {
                throw new InvalidInput("invalid_setting", "signInTicketSeconds must be between 1 and 600.");
            }
            if (ticketsPerUser < 1 || ticketsPerUser > 100) {
                throw new InvalidInput("invalid_setting", "signInTicketsPerUser must be between 1 and 100.");
            }
        }
    }

    /**
     * Sign-in by an authenticating reverse proxy.
     *
     * @param trustedProxies comma-separated addresses and CIDR ranges whose headers are believed
     */
    public record Proxy(String trustedProxies, String userHeader, String emailHeader, String nameHeader) {
        public static final Proxy DEFAULT = new Proxy("127.0.0.1, ::1", "X-Wikifarm-User", "X-Wikifarm-Email",
                "X-Wikifarm-Name");
    }

    /**
     * Search.
     *
     * @param workers        background threads that index every wiki's queue (each embeds with one core)
     * @param embeddingModel {@code int8} (quantised, the default), {@code fp32} (about twice as slow) or {@code off}
     *                       (full-text search only)
     * @param nativeCacheDir a writable folder where DJL unpacks its native tokenizer library
     * @param maxPageBytes   pages larger than this (Markdown bytes) are not indexed but listed as failed
     * @param pageBudgetMillis how long reading one page's text and cutting it into passages may take
     * @param batchBytes     the Markdown one indexing batch reads at most (a larger page is a batch of its own)
     * @param maxQueuedRows  the most rows a wiki's index queue holds; a reindex that would pass it is refused
     * @param compactMaxMB   an index of this many megabytes or fewer is merged into one segment once its wiki is
     *                       quiet (0: never)
     * @param concurrency    how many searches of one wiki run and wait at once
     * @param cacheSpareVectors how many vectors of texts no indexed chunk uses any more a wiki's embedding cache
     *                       keeps at most (or a quarter of its indexed chunks, if more) before they are dropped
     */
    public record Search(int workers, String embeddingModel, Path nativeCacheDir, long maxPageBytes,
                         long pageBudgetMillis, long batchBytes, int maxQueuedRows, int maxQueryChars,
                         int queryVectors, long compactMaxMB, Concurrency concurrency, int cacheSpareVectors) {
        public static final long DEFAULT_MAX_PAGE_BYTES = 2L * 1024 * 1024;
        public static final long DEFAULT_PAGE_BUDGET_MILLIS = 10_000;
        public static final long DEFAULT_BATCH_BYTES = 256L * 1024;
        public static final int DEFAULT_MAX_QUEUED_ROWS = 100_000;
        /** Long enough for a question of a few paragraphs (docs/search.md, "Long questions"). */
        public static final int DEFAULT_MAX_QUERY_CHARS = 4_000;
        /** Query vectors kept per server: ~1.6 KB each for a short query, a few MB in all (docs/search.md). */
        public static final int DEFAULT_QUERY_VECTORS = 1_024;
        /** Merging a ~75 MB index (20,000 chunks) takes a few seconds of one worker (docs/search.md, "Compaction"). */
        public static final long DEFAULT_COMPACT_MAX_MB = 128;
        /** ~1.7 KB each in {@code wiki.db}: ~3.4 MB of a wiki's disk (docs/search.md, "Keeping the index in step"). */
        public static final int DEFAULT_CACHE_SPARE_VECTORS = 2_000;

        /**
         * How many searches of one wiki run at once, how many more may wait for one of them to finish, and for how
         * long: past that, {@code 429 search_busy}. A search takes a few milliseconds of a core, so a burst waits a
         * moment instead of being turned away, and one wiki holds at most {@code perWiki + waitingPerWiki} request
         * threads (docs/search.md, "Searches at once").
         *
         * @param perWiki        {@code searchConcurrencyPerWiki}, 1–64
         * @param waitingPerWiki {@code searchWaitingPerWiki}, 0–1,000
         * @param waitMillis     {@code searchWaitMillis}, 0–60,000
         */
        public record Concurrency(int perWiki, int waitingPerWiki, long waitMillis) {
            public static final Concurrency DEFAULT = new Concurrency(8, 16, 2_000);

            public Concurrency {
                if (perWiki < 1 || perWiki > 64) {
                    throw new InvalidInput("invalid_setting", "searchConcurrencyPerWiki must be between 1 and 64.");
                }
                if (waitingPerWiki < 0 || waitingPerWiki > 1_000) {
                    throw new InvalidInput("invalid_setting", "searchWaitingPerWiki must be between 0 and 1000.");
                }
                if (waitMillis < 0 || waitMillis > 60_000) {
                    throw new InvalidInput("invalid_setting", "searchWaitMillis must be between 0 and 60000.");
                }
            }
        }

        public Search {
            if (workers < 1 || workers > 64) {
                throw new InvalidInput("invalid_setting", "searchWorkers must be between 1 and 64.");
            }
            embeddingModel = embeddingModel.strip().toLowerCase(Locale.ROOT);
            if (!embeddingModel.matches("int8|fp32|off")) {
                throw new InvalidInput("invalid_setting", "embeddingModel must be int8, fp32 or off.");
            }
            if (maxPageBytes < 1024) {
                throw new InvalidInput("invalid_setting", "searchMaxPageBytes must be at least 1024.");
            }
            if (pageBudgetMillis < 10) {
                throw new InvalidInput("invalid_setting", "searchPageBudgetMillis must be at least 10.");
            }
            if (batchBytes < 1024) {
                throw new InvalidInput("invalid_setting", "searchBatchBytes must be at least 1024.");
            }
            if (maxQueuedRows < 100) {
                throw new InvalidInput("invalid_setting", "searchMaxQueuedRows must be at least 100.");
            }
            if (maxQueryChars < 100 || maxQueryChars > 100_000) {
                throw new InvalidInput("invalid_setting", "searchMaxQueryChars must be between 100 and 100000.");
            }
            if (queryVectors < 0 || queryVectors > 100_000) {
                throw new InvalidInput("invalid_setting", "searchQueryVectors must be between 0 and 100000.");
            }
            if (compactMaxMB < 0 || compactMaxMB > 1_000_000) {
                throw new InvalidInput("invalid_setting", "searchCompactMaxMB must be between 0 and 1000000.");
            }
            java.util.Objects.requireNonNull(concurrency, "concurrency");
            if (cacheSpareVectors < 0 || cacheSpareVectors > 10_000_000) {
                throw new InvalidInput("invalid_setting", "searchCacheSpareVectors must be between 0 and 10000000.");
            }
        }

        /** The limits given, the query vectors kept at their default. */
        public Search(int workers, String embeddingModel, Path nativeCacheDir, long maxPageBytes,
                      long pageBudgetMillis, long batchBytes, int maxQueuedRows, int maxQueryChars) {
            this(workers, embeddingModel, nativeCacheDir, maxPageBytes, pageBudgetMillis, batchBytes, maxQueuedRows,
                    maxQueryChars, DEFAULT_QUERY_VECTORS, DEFAULT_COMPACT_MAX_MB, Concurrency.DEFAULT,
                    DEFAULT_CACHE_SPARE_VECTORS);
        }

        /** The indexing limits given, a search's length at its default. */
        public Search(int workers, String embeddingModel, Path nativeCacheDir, long maxPageBytes,
                      long pageBudgetMillis, long batchBytes, int maxQueuedRows) {
            this(workers, embeddingModel, nativeCacheDir, maxPageBytes, pageBudgetMillis, batchBytes, maxQueuedRows,
                    DEFAULT_MAX_QUERY_CHARS);
        }

        /** The indexing limits at their defaults. */
        public Search(int workers, String embeddingModel, Path nativeCacheDir) {
            this(workers, embeddingModel, nativeCacheDir, DEFAULT_MAX_PAGE_BYTES, DEFAULT_PAGE_BUDGET_MILLIS,
                    DEFAULT_BATCH_BYTES, DEFAULT_MAX_QUEUED_ROWS);
        }

        public static Search defaults(Path dataDir) {
            return new Search(1, "int8", dataDir.resolve("cache"));
        }
    }

    /**
     * Rendering pages.
     *
     * @param budgetMillis          how long one page may take to render (parse, HTML, sanitise); a page that takes
     *                              longer is shown as its source with a notice
     * @param concurrencyPerWiki    how many pages of one wiki may render at once (cached pages do not count); more are
     *                              answered 429, so one wiki cannot take every request thread
     * @param pageCacheBytes        the most memory whole page views kept per HEAD commit may take (the view cache of
     *                              {@code web.PageViewCache}, shared by all wikis); 0 keeps none
     * @param pageCacheBytesPerWiki the most of it one wiki's views may take, so one wiki's readers cannot push out
     *                              everyone else's (at most {@code pageCacheBytes})
     */
    public record Render(long budgetMillis, int concurrencyPerWiki, long pageCacheBytes, long pageCacheBytesPerWiki) {
        public static final long DEFAULT_PAGE_CACHE_BYTES = 64L * 1024 * 1024;
        public static final long DEFAULT_PAGE_CACHE_BYTES_PER_WIKI = 8L * 1024 * 1024;
        public static final Render DEFAULT = new Render(3000, 2);

        public Render {
            if (budgetMillis < 100) {
                throw new InvalidInput("invalid_setting", "renderBudgetMillis must be at least 100.");
            }
            if (concurrencyPerWiki < 1) {
                throw new InvalidInput("invalid_setting", "renderConcurrencyPerWiki must be at least 1.");
            }
            if (pageCacheBytes < 0) {
                throw new InvalidInput("invalid_setting", "pageCacheBytes must not be negative.");
            }
            if (pageCacheBytesPerWiki < 0 || pageCacheBytesPerWiki > pageCacheBytes) {
                throw new InvalidInput("invalid_setting",
                        "pageCacheBytesPerWiki must be between 0 and pageCacheBytes (" + pageCacheBytes + ").");
            }
        }

        /** The bounds on rendering, with the page view cache at its default size. */
        public Render(long budgetMillis, int concurrencyPerWiki) {
            this(budgetMillis, concurrencyPerWiki, DEFAULT_PAGE_CACHE_BYTES, DEFAULT_PAGE_CACHE_BYTES_PER_WIKI);
        }
    }

    /**
     * Limits on sizes and counts: every one is enforced by the service that writes or lists the thing, so the REST
     * API, the web UI and MCP all meet the same limit. SECURITY.md lists them with the error each one gives.
     *
     * @param maxPageBytes          the largest page (and draft), in bytes of UTF-8 (413 above it)
     * @param maxMessageChars       the longest commit message; also how much of a stored message a list shows
     * @param maxNameChars          the longest wiki display name and token name
     * @param maxListBytes          the most stored data, as JSON, that one list (or one change) answer carries
     * @param maxListItems          the largest {@code limit} any list accepts, and the page size of unpaged lists
     * @param wikisPerAccount       how many wikis one account may own (platform admins are not counted)
     * @param tokensPerWiki         how many tokens one wiki may have
     * @param draftsPerUser         how many drafts one person or token may keep in one wiki
     * @param mcpSessionsPerToken   how many MCP sessions one token may hold open (the least recently used is ended)
     * @param mcpSessionsMax        how many MCP sessions the whole server holds (429 above it)
     * @param mcpSessionIdleMinutes after how many idle minutes an MCP session ends
     */
    public record Limits(long maxPageBytes, int maxMessageChars, int maxNameChars, long maxListBytes,
                         int maxListItems, int wikisPerAccount, int tokensPerWiki, int draftsPerUser,
                         int mcpSessionsPerToken, int mcpSessionsMax, int mcpSessionIdleMinutes,
                         long maxAttachmentBytes, long maxUploadBytes, long maxImagePixels,
                         long thumbnailCacheBytes) {
        public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;
        public static final long DEFAULT_MAX_UPLOAD_BYTES = 32L * 1024 * 1024;
        public static final long DEFAULT_MAX_IMAGE_PIXELS = 40_000_000L;
        public static final long DEFAULT_THUMBNAIL_CACHE_BYTES = 32L * 1024 * 1024;
        public static final Limits DEFAULT = new Limits(2L * 1024 * 1024, 2_000, 100, 1024L * 1024, 1_000, 20, 50,
                100, 20, 2_000, 30);

        /** The limits with the attachment limits at their defaults. */
        public Limits(long maxPageBytes, int maxMessageChars, int maxNameChars, long maxListBytes, int maxListItems,
                      int wikisPerAccount, int tokensPerWiki, int draftsPerUser, int mcpSessionsPerToken,
                      int mcpSessionsMax, int mcpSessionIdleMinutes) {
            this(maxPageBytes, maxMessageChars, maxNameChars, maxListBytes, maxListItems, wikisPerAccount,
                    tokensPerWiki, draftsPerUser, mcpSessionsPerToken, mcpSessionsMax, mcpSessionIdleMinutes,
                    DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_IMAGE_PIXELS,
                    DEFAULT_THUMBNAIL_CACHE_BYTES);
        }

        /** These limits with other attachment limits (tests, benchmarks). */
        public Limits withAttachments(long maxAttachmentBytes, long maxUploadBytes, long maxImagePixels,
                                      long thumbnailCacheBytes) {
            return new Limits(maxPageBytes, maxMessageChars, maxNameChars, maxListBytes, maxListItems,
                    wikisPerAccount, tokensPerWiki, draftsPerUser, mcpSessionsPerToken, mcpSessionsMax,
                    mcpSessionIdleMinutes, maxAttachmentBytes, maxUploadBytes, maxImagePixels, thumbnailCacheBytes);
        }

        public Limits {
            atLeast("maxPageBytes", maxPageBytes, 1024);
            // A list entry shows up to maxMessageChars of a message; bounded so one entry always fits maxListBytes.
            between("maxMessageChars", maxMessageChars, 16, 10_000);
            between("maxNameChars", maxNameChars, 16, 1_000);
            atLeast("maxListBytes", maxListBytes, 256 * 1024);
            atLeast("maxListItems", maxListItems, 10);
            atLeast("wikisPerAccount", wikisPerAccount, 1);
            atLeast("tokensPerWiki", tokensPerWiki, 1);
            atLeast("draftsPerUser", draftsPerUser, 1);
            atLeast("mcpSessionsPerToken", mcpSessionsPerToken, 1);
            atLeast("mcpSessionsMax", mcpSessionsMax, mcpSessionsPerToken);
            between("mcpSessionIdleMinutes", mcpSessionIdleMinutes, 1, 24 * 60);
            atLeast("maxAttachmentBytes", maxAttachmentBytes, 1);
            atLeast("maxUploadBytes", maxUploadBytes, maxAttachmentBytes);
            atLeast("maxImagePixels", maxImagePixels, 1);
            atLeast("thumbnailCacheBytes", thumbnailCacheBytes, 0);
        }

        private static void atLeast(String key, long value, long min) {
            if (value < min) {
                throw new InvalidInput("invalid_setting", key + " must be at least " + min + ".");
            }
        }

        private static void between(String key, long value, long min, long max) {
            if (value < min || value > max) {
                throw new InvalidInput("invalid_setting", key + " must be between " + min + " and " + max + ".");
            }
        }

        static Limits load(Source source) {
            return new Limits(source.getLong("maxPageBytes", DEFAULT.maxPageBytes),
                    source.getInt("maxMessageChars", DEFAULT.maxMessageChars),
                    source.getInt("maxNameChars", DEFAULT.maxNameChars),
                    source.getLong("maxListBytes", DEFAULT.maxListBytes),
                    source.getInt("maxListItems", DEFAULT.maxListItems),
                    source.getInt("wikisPerAccount", DEFAULT.wikisPerAccount),
                    source.getInt("tokensPerWiki", DEFAULT.tokensPerWiki),
                    source.getInt("draftsPerUser", DEFAULT.draftsPerUser),
                    source.getInt("mcpSessionsPerToken", DEFAULT.mcpSessionsPerToken),
                    source.getInt("mcpSessionsMax", DEFAULT.mcpSessionsMax),
                    source.getInt("mcpSessionIdleMinutes", DEFAULT.mcpSessionIdleMinutes),
                    source.getLong("maxAttachmentBytes", DEFAULT.maxAttachmentBytes),
                    source.getLong("maxUploadBytes", DEFAULT.maxUploadBytes),
                    source.getLong("maxImagePixels", DEFAULT.maxImagePixels),
                    source.getLong("thumbnailCacheBytes", DEFAULT.thumbnailCacheBytes));
        }
    }

    public static final String PREFIX = "wikifarm.";

    public Settings {
        if (openWikiCap < 1) {
            throw new InvalidInput("invalid_setting", "openWikiCap must be at least 1.");
        }
        if (maxBodyBytes < 1024) {
            throw new InvalidInput("invalid_setting", "maxBodyBytes must be at least 1024.");
        }
        baseDomain = baseDomain == null || baseDomain.isBlank() ? null
                : baseDomain.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        mode = mode == null ? Mode.FARM : mode;
        cluster = cluster == null ? Cluster.ALONE : cluster;
        if (mode.single() && baseDomain != null) {
            throw new InvalidInput("invalid_setting", "mode=single serves one wiki at / on every host, so it cannot"
                    + " be combined with baseDomain (host mode): unset baseDomain or set mode=farm.");
        }
    }

    /**
     * The largest web form body: enough for a page of {@code maxPageBytes} percent-encoded in the worst case (three
     * bytes a byte) and the form's other fields, and never less than {@code maxBodyBytes}.
     */
    public long maxFormBytes() {
        return Math.max(maxBodyBytes, 3 * limits.maxPageBytes() + 64 * 1024);
    }

    public boolean hostMode() {
        return baseDomain != null;
    }

    public Path wikisDir() {
        return dataDir.resolve("wikis");
    }

    public Path platformDatabase() {
        return dataDir.resolve("platform.db");
    }

    /**
     * Reads every option. {@code container} answers a full key ({@code wikifarm.dataDir}) from the servlet
     * context or JNDI, or null.
     */
    public static Settings load(UnaryOperator<String> container) {
        Source source = new Source(container);
        Path dataDir = Path.of(source.get("dataDir", "data")).toAbsolutePath().normalize();
        return new Settings(
                dataDir,
                source.get("baseDomain", ""),
                source.getInt("openWikiCap", 256),
                source.getLong("maxBodyBytes", 5L * 1024 * 1024),
                source.getBoolean("signupEnabled", true),
                new Proxy(source.get("trustedProxies", Proxy.DEFAULT.trustedProxies()),
                        source.get("proxyUserHeader", Proxy.DEFAULT.userHeader()),
                        source.get("proxyEmailHeader", Proxy.DEFAULT.emailHeader()),
                        source.get("proxyNameHeader", Proxy.DEFAULT.nameHeader())),
                new Search(source.getInt("searchWorkers", 1), source.get("embeddingModel", "int8"),
                        Path.of(source.get("nativeCacheDir", dataDir.resolve("cache").toString()))
                                .toAbsolutePath().normalize(),
                        source.getLong("searchMaxPageBytes", Search.DEFAULT_MAX_PAGE_BYTES),
                        source.getLong("searchPageBudgetMillis", Search.DEFAULT_PAGE_BUDGET_MILLIS),
                        source.getLong("searchBatchBytes", Search.DEFAULT_BATCH_BYTES),
                        source.getInt("searchMaxQueuedRows", Search.DEFAULT_MAX_QUEUED_ROWS),
                        source.getInt("searchMaxQueryChars", Search.DEFAULT_MAX_QUERY_CHARS),
                        source.getInt("searchQueryVectors", Search.DEFAULT_QUERY_VECTORS),
                        source.getLong("searchCompactMaxMB", Search.DEFAULT_COMPACT_MAX_MB),
                        new Search.Concurrency(
                                source.getInt("searchConcurrencyPerWiki", Search.Concurrency.DEFAULT.perWiki()),
                                source.getInt("searchWaitingPerWiki", Search.Concurrency.DEFAULT.waitingPerWiki()),
                                source.getLong("searchWaitMillis", Search.Concurrency.DEFAULT.waitMillis())),
                        source.getInt("searchCacheSpareVectors", Search.DEFAULT_CACHE_SPARE_VECTORS)),
                Limits.load(source),
                new Render(source.getLong("renderBudgetMillis", Render.DEFAULT.budgetMillis()),
                        source.getInt("renderConcurrencyPerWiki", Render.DEFAULT.concurrencyPerWiki()),
                        source.getLong("pageCacheBytes", Render.DEFAULT.pageCacheBytes()),
                        source.getLong("pageCacheBytesPerWiki", Render.DEFAULT.pageCacheBytesPerWiki())),
                new SignIn(source.getInt("signInTicketSeconds", SignIn.DEFAULT.ticketSeconds()),
                        source.getInt("signInTicketsPerUser", SignIn.DEFAULT.ticketsPerUser())),
                new Auth(source.getInt("authCacheSeconds", Auth.DEFAULT.cacheSeconds())),
                new Git(source.getLong("gitMaxPushBytes", Git.DEFAULT.maxPushBytes()),
                        source.getInt("gitMaxPushCommits", Git.DEFAULT.maxPushCommits()),
                        source.getInt("gitRequestsPerWiki", Git.DEFAULT.requestsPerWiki()),
                        source.getInt("gitTimeoutSeconds", Git.DEFAULT.timeoutSeconds())),
                Quota.load(source), Operations.load(source), Mode.load(source), Cluster.load(source));
    }

    /** Test and CLI convenience: defaults with another data folder. */
    public static Settings defaults(Path dataDir) {
        return new Settings(dataDir, null, 256, 5L * 1024 * 1024, true, Proxy.DEFAULT, Search.defaults(dataDir),
                Limits.DEFAULT, Render.DEFAULT, SignIn.DEFAULT, Auth.DEFAULT, Git.DEFAULT, Quota.DEFAULT);
    }

    /** These settings with other quota defaults (tests, benchmarks). */
    public Settings withQuota(Quota other) {
        return new Settings(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, limits,
                render, signIn, auth, git, other, operations, mode, cluster);
    }

    /** These settings with other snapshot and migration settings (tests, the CLI). */
    public Settings withOperations(Operations other) {
        return new Settings(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, limits,
                render, signIn, auth, git, quota, other, mode, cluster);
    }

    /** These settings in another mode (tests, the CLI). */
    public Settings withMode(Mode other) {
        return new Settings(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, limits,
                render, signIn, auth, git, quota, operations, other, cluster);
    }

    /** These settings as another node of a farm (tests, the CLI). */
    public Settings withCluster(Cluster other) {
        return new Settings(dataDir, baseDomain, openWikiCap, maxBodyBytes, signupEnabled, proxy, search, limits,
                render, signIn, auth, git, quota, operations, mode, other);
    }

    private record Source(UnaryOperator<String> container) {
        String get(String key, String fallback) {
            String value = System.getenv(envName(key));
            if (value == null) {
                value = System.getProperty(PREFIX + key);
            }
            if (value == null) {
                value = container.apply(PREFIX + key);
            }
            return value == null ? fallback : value.strip();
        }

        int getInt(String key, int fallback) {
            long value = getLong(key, fallback);
            if (value != (int) value) {
                throw new InvalidInput("invalid_setting", PREFIX + key + " is out of range: " + value + ".");
            }
            return (int) value;
        }

        long getLong(String key, long fallback) {
            String value = get(key, Long.toString(fallback));
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new InvalidInput("invalid_setting", PREFIX + key + " must be a whole number, not '" + value + "'.");
            }
        }

        boolean getBoolean(String key, boolean fallback) {
            String value = get(key, Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new InvalidInput("invalid_setting", PREFIX + key + " must be true or false.");
            };
        }

        /** {@code dataDir} → {@code WIKIFARM_DATA_DIR}. */
        static String envName(String key) {
            return "WIKIFARM_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        }
    }
}
