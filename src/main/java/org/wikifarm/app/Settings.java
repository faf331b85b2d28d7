package org.wikifarm.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.wikifarm.app.WikifarmException.InvalidInput;

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
 */
public record Settings(Path dataDir, String baseDomain, int openWikiCap, long maxBodyBytes, boolean signupEnabled,
                       Proxy proxy, Search search) {

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
     */
    public record Search(int workers, String embeddingModel, Path nativeCacheDir, long maxPageBytes,
                         long pageBudgetMillis, long batchBytes, int maxQueuedRows) {
        public static final long DEFAULT_MAX_PAGE_BYTES = 2L * 1024 * 1024;
        public static final long DEFAULT_PAGE_BUDGET_MILLIS = 10_000;
        public static final long DEFAULT_BATCH_BYTES = 256L * 1024;
        public static final int DEFAULT_MAX_QUEUED_ROWS = 100_000;

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
                        source.getInt("searchMaxQueuedRows", Search.DEFAULT_MAX_QUEUED_ROWS)));
    }

    /** Test and CLI convenience: defaults with another data folder. */
    public static Settings defaults(Path dataDir) {
        return new Settings(dataDir, null, 256, 5L * 1024 * 1024, true, Proxy.DEFAULT, Search.defaults(dataDir));
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
