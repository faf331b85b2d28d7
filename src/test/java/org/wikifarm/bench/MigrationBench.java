package org.wikifarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.app.App;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.config.Settings;
import org.wikifarm.snapshot.SchemaMigrations;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.tenant.Wiki;

/**
 * Migrating every wiki of a farm ({@code migrationWikis}, 1,000 by default) with {@code migrations = admin}, in
 * process on the real App: wikis made by this version are turned into wikis of the previous schema (its last changeset
 * undone, {@code user_version} one lower) behind the App's back, then {@code SchemaMigrations.operator().migrateAll}
 * migrates them one after another — each held closed, its database copied by {@code VACUUM INTO} first, Liquibase run
 * — as the command-line tool's {@code migrate --all} will. Run alone:
 * {@code mvn -Pbench verify -Dit.includes='**}{@code /bench/MigrationBench.java'}.
 */
class MigrationBench {
    private static final int WIKIS = Integer.getInteger("wikifarm.bench.migrationWikis", 1000);

    private final MarkdownReport report = new MarkdownReport();

    @Test
    void migrateAll() throws Exception {
        String loadBefore = MarkdownReport.loadAverage();
        Path data = Path.of(System.getProperty("wikifarm.bench.migrationDir", "target/migration-bench"));
        deleteRecursively(data);
        Settings settings = Settings.load(Map.of(Settings.PREFIX + "dataDir", data.toString(),
                Settings.PREFIX + "embeddingModel", "off", Settings.PREFIX + "migrations", "admin")::get);
        List<Wiki> wikis = new ArrayList<>();
        long creating = System.nanoTime();
        try (App app = new App(settings)) {
            User user = app.accounts().signUp(Caller.ANONYMOUS, "bench", "correct horse battery staple", null, null);
            Caller owner = new Caller(user);
            for (int i = 0; i < WIKIS; i++) {
                wikis.add(app.catalog().create(owner, String.format(Locale.ROOT, "wiki-%05d", i), null, false));
            }
        }
        double createSeconds = (System.nanoTime() - creating) / 1e9;
        for (Wiki wiki : wikis) {
            downgrade(data.resolve("wikis").resolve(wiki.id().value()).resolve("wiki.db"));
        }
        SchemaMigrations.Progress end;
        long[] perWiki = new long[WIKIS];
        long began;
        try (App app = new App(settings)) {
            long[] last = {System.nanoTime()};
            began = last[0];
            end = app.migrations().operator().migrateAll(progress -> {
                long now = System.nanoTime();
                if (progress.done() > 0 && progress.done() <= WIKIS) {
                    perWiki[progress.done() - 1] = now - last[0];
                }
                last[0] = now;
            });
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        if (end.migrated() != WIKIS || !end.failures().isEmpty()) {
            throw new AssertionError("not every wiki was migrated: " + end);
        }
        Stats stats = Stats.of(perWiki);
        String loadAfter = MarkdownReport.loadAverage();
        report.paragraph("## Migrate all results, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        report.paragraph("In process, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + "; " + WIKIS + " new wikis (made in " + fmt(createSeconds)
                + " s) turned into schema version " + (OpenWikis.SCHEMA_VERSION - 1) + ", then migrated to "
                + OpenWikis.SCHEMA_VERSION + " by one run. Load average before: " + loadBefore + "; after: "
                + loadAfter + ".");
        report.table(List.of("wikis", "total s", "per wiki median ms", "p95 ms", "max ms"), List.of(List.of(
                Integer.toString(WIKIS), fmt(seconds), Stats.ms(stats.medianMillis()), Stats.ms(stats.millis(95)),
                Stats.ms(stats.millis(100)))));
        report.writeTo(resultsFile());
    }

    /** Changeset wiki-5 undone: what a wiki made by the previous version holds. */
    private static void downgrade(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            if (OpenWikis.SCHEMA_VERSION == 5) {
                // wiki-5 undone (it added one row). A later last changeset stays recorded: Liquibase then has
                // nothing to redo.
                statement.execute("DELETE FROM stats WHERE name = 'attachment_count'");
                statement.execute("DELETE FROM DATABASECHANGELOG WHERE ID = 'wiki-5'");
            }
            statement.execute("PRAGMA user_version = " + (OpenWikis.SCHEMA_VERSION - 1));
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("migration-bench-results.md");
    }
}
