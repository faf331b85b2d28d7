package org.wikifarm.config;

import org.wikifarm.error.WikifarmException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.WikifarmException.InvalidInput;

class SettingsTest {
    private static final List<String> KEYS =
            List.of("dataDir", "baseDomain", "openWikiCap", "maxBodyBytes", "signupEnabled", "signInTicketSeconds",
                    "signInTicketsPerUser", "searchMaxPageBytes", "searchPageBudgetMillis", "searchBatchBytes",
                    "searchMaxQueuedRows", "searchMaxQueryChars", "searchQueryVectors", "searchCompactMaxMB",
                    "searchConcurrencyPerWiki", "searchWaitingPerWiki", "searchWaitMillis", "mode",
                    "singleWiki", "platformDbUrl", "platformDbUser", "platformDbPassword", "platformDbJndi",
                    "platformDbPoolSize", "nodeName", "nodeUrl", "nodeSecret", "placement", "moveGraceSeconds",
                    "haproxyRuntime", "haproxyMap");

    @TempDir
    Path dir;

    private final Map<String, String> container = new HashMap<>();
    private final UnaryOperator<String> lookup = container::get;

    /** Environment variables and system properties outrank the container; these tests need neither set. */
    @BeforeEach
    void noOutsideOverrides() {
        for (String key : KEYS) {
            String env = "WIKIFARM_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
            assumeTrue(System.getenv(env) == null, env + " is set in this environment");
            assumeTrue(System.getProperty(Settings.PREFIX + key) == null, "-Dwikifarm." + key + " is set");
        }
    }

    @Test
    void defaults() {
        Settings settings = Settings.load(key -> null);

        assertThat(settings.openWikiCap()).isEqualTo(256);
        assertThat(settings.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(settings.signupEnabled()).isTrue();
        assertThat(settings.baseDomain()).isNull();
        assertThat(settings.hostMode()).isFalse();
        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath().normalize());
        assertThat(settings.wikisDir()).isEqualTo(settings.dataDir().resolve("wikis"));
        assertThat(settings.platformDatabase()).isEqualTo(settings.dataDir().resolve("platform.db"));
    }

    @Test
    void defaultsForAnotherDataFolderMatchLoadedDefaults() {
        Settings settings = Settings.defaults(dir);

        assertThat(settings.dataDir()).isEqualTo(dir);
        assertThat(settings.openWikiCap()).isEqualTo(256);
        assertThat(settings.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(settings.signupEnabled()).isTrue();
        assertThat(settings.hostMode()).isFalse();
    }

    @Test
    void containerValuesOverrideDefaults() {
        container.put("wikifarm.dataDir", dir.resolve("x/../farm").toString());
        container.put("wikifarm.baseDomain", "  Farm.Example.COM ");
        container.put("wikifarm.openWikiCap", " 12 ");
        container.put("wikifarm.maxBodyBytes", "2048");
        container.put("wikifarm.signupEnabled", "OFF");

        Settings settings = Settings.load(lookup);

        assertThat(settings.dataDir()).isEqualTo(dir.resolve("farm"));
        assertThat(settings.baseDomain()).isEqualTo("farm.example.com");
        assertThat(settings.hostMode()).isTrue();
        assertThat(settings.openWikiCap()).isEqualTo(12);
        assertThat(settings.maxBodyBytes()).isEqualTo(2048);
        assertThat(settings.signupEnabled()).isFalse();
        assertThat(settings.wikisDir()).isEqualTo(dir.resolve("farm").resolve("wikis"));
    }

    @Test
    void theAuthCacheHasADefaultAndBounds() {
        assertThat(Settings.load(lookup).auth()).isEqualTo(new Settings.Auth(5));
        assertThat(Settings.defaults(dir).auth()).isEqualTo(Settings.Auth.DEFAULT);

        container.put("wikifarm.authCacheSeconds", "30");
        assertThat(Settings.load(lookup).auth().cacheSeconds()).isEqualTo(30);

        for (String outOfRange : new String[] {"0", "301"}) {
            container.put("wikifarm.authCacheSeconds", outOfRange);
            assertThat(catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup)).getMessage())
                    .contains("authCacheSeconds");
        }
    }

    @Test
    void signInTicketsHaveDefaultsAndBounds() {
        assertThat(Settings.load(lookup).signIn()).isEqualTo(new Settings.SignIn(60, 5));
        assertThat(Settings.defaults(dir).signIn()).isEqualTo(Settings.SignIn.DEFAULT);

        container.put("wikifarm.signInTicketSeconds", "30");
        container.put("wikifarm.signInTicketsPerUser", "2");
        assertThat(Settings.load(lookup).signIn()).isEqualTo(new Settings.SignIn(30, 2));

        container.put("wikifarm.signInTicketSeconds", "601");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup)).getMessage())
                .contains("signInTicketSeconds");
        container.put("wikifarm.signInTicketSeconds", "60");
        container.put("wikifarm.signInTicketsPerUser", "0");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup)).getMessage())
                .contains("signInTicketsPerUser");
    }

    @Test
    void keysAreLookedUpWithThePrefix() {
        container.put("openWikiCap", "3");
        assertThat(Settings.load(lookup).openWikiCap()).isEqualTo(256);
        container.put("wikifarm.openWikiCap", "3");
        assertThat(Settings.load(lookup).openWikiCap()).isEqualTo(3);
    }

    @Test
    void booleanSpellings() {
        for (String yes : List.of("true", "YES", "on", "1")) {
            container.put("wikifarm.signupEnabled", yes);
            assertThat(Settings.load(lookup).signupEnabled()).as(yes).isTrue();
        }
        for (String no : List.of("false", "No", "off", "0")) {
            container.put("wikifarm.signupEnabled", no);
            assertThat(Settings.load(lookup).signupEnabled()).as(no).isFalse();
        }
    }

    @Test
    void blankBaseDomainIsPathMode() {
        container.put("wikifarm.baseDomain", "   ");
        Settings settings = Settings.load(lookup);
        assertThat(settings.baseDomain()).isNull();
        assertThat(settings.hostMode()).isFalse();
    }

    @Test
    void invalidNumberNamesTheKey() {
        container.put("wikifarm.openWikiCap", "lots");

        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup));

        assertThat(e.code()).isEqualTo("invalid_setting");
        assertThat(e.getMessage()).isEqualTo("wikifarm.openWikiCap must be a whole number, not 'lots'.");
    }

    @Test
    void invalidSizeNamesTheKey() {
        container.put("wikifarm.maxBodyBytes", "5MB");

        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup));

        assertThat(e.code()).isEqualTo("invalid_setting");
        assertThat(e.getMessage()).contains("wikifarm.maxBodyBytes").contains("'5MB'");
    }

    @Test
    void invalidBooleanNamesTheKey() {
        container.put("wikifarm.signupEnabled", "maybe");

        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup));

        assertThat(e.code()).isEqualTo("invalid_setting");
        assertThat(e.getMessage()).isEqualTo("wikifarm.signupEnabled must be true or false.");
    }

    @Test
    void outOfRangeValuesAreRefused() {
        container.put("wikifarm.openWikiCap", "0");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup)).getMessage())
                .contains("openWikiCap");
        container.put("wikifarm.openWikiCap", "1");
        assertThat(Settings.load(lookup).openWikiCap()).isEqualTo(1);

        container.put("wikifarm.maxBodyBytes", "1023");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup)).getMessage())
                .contains("maxBodyBytes");
        container.put("wikifarm.maxBodyBytes", "1024");
        assertThat(Settings.load(lookup).maxBodyBytes()).isEqualTo(1024);
    }

    @Test
    void aCapTooLargeForAnIntIsRefusedNotWrappedAround() {
        // 2^32 + 1 would silently become 1 if the long were narrowed without a check.
        container.put("wikifarm.openWikiCap", "4294967297");

        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("invalid_setting");
        assertThat(e.getMessage()).isEqualTo("wikifarm.openWikiCap is out of range: 4294967297.");
        container.put("wikifarm.openWikiCap", String.valueOf(Integer.MAX_VALUE));
        assertThat(Settings.load(lookup).openWikiCap()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void systemPropertyOutranksTheContainer() {
        container.put("wikifarm.openWikiCap", "12");
        System.setProperty("wikifarm.openWikiCap", "34");
        try {
            assertThat(Settings.load(lookup).openWikiCap()).isEqualTo(34);
        } finally {
            System.clearProperty("wikifarm.openWikiCap");
        }
        assertThat(Settings.load(lookup).openWikiCap()).isEqualTo(12);
    }

    @Test
    void searchIndexingLimitsHaveDefaultsAndAreChecked() {
        Settings.Search defaults = Settings.load(lookup).search();
        assertThat(defaults.maxPageBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(defaults.pageBudgetMillis()).isEqualTo(10_000);
        assertThat(defaults.batchBytes()).isEqualTo(256L * 1024);
        assertThat(defaults.maxQueuedRows()).isEqualTo(100_000);

        container.put("wikifarm.searchMaxPageBytes", "65536");
        container.put("wikifarm.searchPageBudgetMillis", "2500");
        container.put("wikifarm.searchBatchBytes", "8192");
        container.put("wikifarm.searchMaxQueuedRows", "500");
        Settings.Search set = Settings.load(lookup).search();
        assertThat(set.maxPageBytes()).isEqualTo(65536);
        assertThat(set.pageBudgetMillis()).isEqualTo(2500);
        assertThat(set.batchBytes()).isEqualTo(8192);
        assertThat(set.maxQueuedRows()).isEqualTo(500);

        container.put("wikifarm.searchMaxQueuedRows", "5");
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup));
        assertThat(e.getMessage()).isEqualTo("searchMaxQueuedRows must be at least 100.");
    }

    @Test
    void theLongestSearchIsASetting() {
        assertThat(Settings.load(lookup).search().maxQueryChars()).isEqualTo(4_000);
        container.put("wikifarm.searchMaxQueryChars", "2000");
        assertThat(Settings.load(lookup).search().maxQueryChars()).isEqualTo(2_000);
        container.put("wikifarm.searchMaxQueryChars", "99");
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup));
        assertThat(e.getMessage()).isEqualTo("searchMaxQueryChars must be between 100 and 100000.");
    }

    @Test
    void theQueryVectorsKeptAreASetting() {
        assertThat(Settings.load(lookup).search().queryVectors()).isEqualTo(1_024);
        container.put("wikifarm.searchQueryVectors", "0");
        assertThat(Settings.load(lookup).search().queryVectors()).isZero();
        container.put("wikifarm.searchQueryVectors", "-1");
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup));
        assertThat(e.getMessage()).isEqualTo("searchQueryVectors must be between 0 and 100000.");
    }

    @Test
    void theLargestIndexCompactedIsASetting() {
        assertThat(Settings.load(lookup).search().compactMaxMB()).isEqualTo(128);
        container.put("wikifarm.searchCompactMaxMB", "0");
        assertThat(Settings.load(lookup).search().compactMaxMB()).isZero();
        container.put("wikifarm.searchCompactMaxMB", "-5");
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup));
        assertThat(e.getMessage()).isEqualTo("searchCompactMaxMB must be between 0 and 1000000.");
    }

    @Test
    void theEmbeddingCachesSpareRoomIsASetting() {
        assertThat(Settings.load(lookup).search().cacheSpareVectors()).isEqualTo(2_000);
        container.put("wikifarm.searchCacheSpareVectors", "0");
        assertThat(Settings.load(lookup).search().cacheSpareVectors()).isZero();
        container.put("wikifarm.searchCacheSpareVectors", "-1");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup)).getMessage())
                .isEqualTo("searchCacheSpareVectors must be between 0 and 10000000.");
    }

    @Test
    void theSearchesOfOneWikiAtOnceAreSettings() {
        assertThat(Settings.load(lookup).search().concurrency())
                .isEqualTo(new Settings.Search.Concurrency(8, 16, 2_000));
        container.put("wikifarm.searchConcurrencyPerWiki", "4");
        container.put("wikifarm.searchWaitingPerWiki", "0");
        container.put("wikifarm.searchWaitMillis", "250");
        assertThat(Settings.load(lookup).search().concurrency())
                .isEqualTo(new Settings.Search.Concurrency(4, 0, 250));
        container.put("wikifarm.searchConcurrencyPerWiki", "0");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup)).getMessage())
                .isEqualTo("searchConcurrencyPerWiki must be between 1 and 64.");
        container.put("wikifarm.searchConcurrencyPerWiki", "2");
        container.put("wikifarm.searchWaitingPerWiki", "1001");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup)).getMessage())
                .isEqualTo("searchWaitingPerWiki must be between 0 and 1000.");
        container.put("wikifarm.searchWaitingPerWiki", "16");
        container.put("wikifarm.searchWaitMillis", "-1");
        assertThat(catchThrowableOfType(InvalidInput.class, () -> Settings.load(lookup)).getMessage())
                .isEqualTo("searchWaitMillis must be between 0 and 60000.");
    }

    @Test
    void modeIsFarmUnlessSetToSingle() {
        assertThat(Settings.load(lookup).mode()).isEqualTo(Settings.Mode.FARM);
        assertThat(Settings.load(lookup).mode().single()).isFalse();

        container.put("wikifarm.mode", "Single");
        container.put("wikifarm.singleWiki", " alice/notes ");
        Settings single = Settings.load(lookup);

        assertThat(single.mode().single()).isTrue();
        assertThat(single.mode().singleWiki()).isEqualTo("alice/notes");
        assertThat(single.withMode(Settings.Mode.FARM).mode().single()).isFalse();
    }

    @Test
    void singleModeRefusesHostModeAndBadValues() {
        container.put("wikifarm.mode", "single");
        container.put("wikifarm.baseDomain", "farm.example");
        assertThat(catchThrowableOfType(() -> Settings.load(lookup), InvalidInput.class))
                .hasMessageContaining("mode=single").hasMessageContaining("baseDomain");

        container.remove("wikifarm.baseDomain");
        container.put("wikifarm.singleWiki", "notes");
        assertThat(catchThrowableOfType(() -> Settings.load(lookup), InvalidInput.class))
                .hasMessageContaining("owner/slug");

        container.put("wikifarm.mode", "solo");
        container.remove("wikifarm.singleWiki");
        assertThat(catchThrowableOfType(() -> Settings.load(lookup), InvalidInput.class))
                .hasMessageContaining("'farm' or 'single'");
    }
}
