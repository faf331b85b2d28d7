package org.wikifarm.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.App;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.config.Settings;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.MovableClock;
import org.wikifarm.store.WikiStat;
import org.wikifarm.store.WikiFiles;
import org.sqlite.SQLiteDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.Wikis;

/** The measuring job's choice of wikis (time decides which are due), what a measurement stores, and the quota. */
class UsageServiceTest {
    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock();
    private App app;
    private Caller admin;
    private Caller alice;

    @BeforeEach
    void start() {
        Settings defaults = Settings.defaults(dir);
        Settings settings = new Settings(dir, null, defaults.openWikiCap(), defaults.maxBodyBytes(), true,
                defaults.proxy(), new Settings.Search(1, "off", dir.resolve("cache")), defaults.limits(),
                defaults.render(), defaults.signIn(), defaults.auth(), defaults.git(),
                new Settings.Quota(50L << 20, 500, 15, 2));
        app = new App(org.wikifarm.store.TestPlatforms.settings(settings), clock, Wikis.Start.EMPTY);
        admin = caller("firstadmin");
        alice = caller("alice");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private Caller caller(String name) {
        User user = app.accounts().signUp(Caller.ANONYMOUS, name, "correct horse battery " + name, null, null);
        return new Caller(user);
    }

    private Wiki wiki(String slug) {
        return app.catalog().create(alice, slug, slug, false);
    }

    @Test
    void eachRunMeasuresAtMostItsShareChangedWikisFirstThenTheStalest() {
        Wiki one = wiki("one");
        Wiki two = wiki("two");
        Wiki three = wiki("three");
        UsageService usage = app.usage();

        assertThat(usage.runOnce()).as("never measured, two a run").isEqualTo(2);
        assertThat(usage.runOnce()).isEqualTo(1);
        assertThat(usage.runOnce()).as("all measured within a day").isZero();

        app.pages().save(alice, three, new PagePath("Home"), "# Home\n", null, null);
        assertThat(usage.runOnce()).as("the changed wiki").isEqualTo(1);
        assertThat(usage.stats(alice, three).pages()).isEqualTo(1);
        assertThat(usage.runOnce()).isZero();

        clock.advance(UsageService.REMEASURE.plus(Duration.ofMinutes(1)));
        assertThat(usage.runOnce()).as("a day later, two a run again").isEqualTo(2);
        assertThat(usage.runOnce()).isEqualTo(1);
        assertThat(usage.stats(alice, one).measuredAt()).isEqualTo(clock.instant());
        assertThat(usage.stats(alice, two).measuredAt()).isEqualTo(clock.instant());
    }

    @Test
    void requestsToMeasureSoonAreCoalesced() throws Exception {
        Wiki wiki = wiki("notes");
        UsageService usage = app.usage();
        long before = usage.measurements();
        for (int i = 0; i < 5; i++) {
            usage.measureSoon(wiki.id());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (usage.measurements() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(2 * UsageService.SOON_MILLIS);
        assertThat(usage.measurements() - before).isEqualTo(1);
        assertThat(usage.wikis(admin, "name", 10, 0)).extracting(row -> row.stats().measuredAt())
                .containsExactly(clock.instant());

        usage.measureSoon(wiki.id());
        deadline = System.nanoTime() + 10_000_000_000L;
        while (usage.measurements() == before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(usage.measurements() - before).as("a request after the measurement is a new one").isEqualTo(2);
    }

    @Test
    void aMeasurementStoresItsFiguresInTheWikiAndThePlatform() {
        Wiki wiki = wiki("notes");
        app.pages().save(alice, wiki, new PagePath("Home"), "# Home\n", null, null);
        UsageService.Stats measured = app.usage().measure(wiki.id());

        assertThat(measured.pages()).isEqualTo(1);
        assertThat(measured.attachments()).isZero();
        assertThat(measured.diskUsageBytes()).isGreaterThan(10_000);
        assertThat(measured.measuredAt()).isEqualTo(clock.instant());
        assertThat(app.usage().stats(alice, wiki)).isEqualTo(measured);
        assertThat(app.usage().wikis(admin, "usage", 10, 0)).extracting(UsageService.WikiUsage::stats)
                .contains(measured);
    }

    @Test
    void writesOverTheLimitAreRefusedAndDeletesPass() {
        Wiki wiki = wiki("notes");
        app.pages().save(alice, wiki, new PagePath("One"), "one\n", null, null);
        app.usage().setLimits(admin, wiki.id().value(), null, 1);

        Throwable refused = catchThrowable(() -> app.pages().save(alice, wiki, new PagePath("Two"), "two\n", null,
                null));
        assertThat(refused).isInstanceOf(WikifarmException.QuotaExceeded.class);
        assertThat(ErrorStatus.of(refused)).isEqualTo(413);
        assertThat(app.pages().list(alice, wiki, null)).extracting(PagePath::value).containsExactly("One");

        app.pages().delete(alice, wiki, new PagePath("One"), null, null);
        app.pages().save(alice, wiki, new PagePath("Two"), "two\n", null, null);
    }

    @Test
    void onlyPlatformAdminsSetLimitsAndListWikis() {
        Wiki wiki = wiki("notes");
        Caller bob = caller("bob");
        assertThat(ErrorStatus.of(catchThrowable(() -> app.usage().setLimits(alice, wiki.id().value(), 1L, 1))))
                .isEqualTo(403);
        assertThat(ErrorStatus.of(catchThrowable(() -> app.usage().wikis(alice, null, 10, 0)))).isEqualTo(403);
        assertThat(ErrorStatus.of(catchThrowable(() -> app.usage().stats(bob, wiki)))).isIn(403, 404);
        assertThatThrownBy(() -> app.usage().setLimits(admin, "nosuchwikiid", 1L, 1))
                .isInstanceOf(WikifarmException.NotFound.class);
    }

    @Test
    void theWikiDatabaseKeepsTheMeasuredFigures() throws Exception {
        Wiki wiki = wiki("notes");
        UsageService.Stats measured = app.usage().measure(wiki.id());
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + WikiFiles.database(dir.resolve("wikis").resolve(wiki.id().value())));
        try (Connection connection = source.getConnection();
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT name, value FROM stats WHERE name IN ('disk_usage_bytes', 'attachment_count')"
                                + " ORDER BY name")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(WikiStat.ATTACHMENT_COUNT);
            assertThat(rows.getLong(2)).isZero();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(WikiStat.DISK_USAGE_BYTES);
            assertThat(rows.getLong(2)).isEqualTo(measured.diskUsageBytes());
        }
    }
}
