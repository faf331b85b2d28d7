package org.wikifarm.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.importer.OtterData;
import org.wikifarm.importer.OtterSource;
import org.wikifarm.importer.SourceSummary;
import org.wikifarm.store.DataDirLock;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wikifarm info [SOURCE]}: the data folder at a glance, or what an import source holds. Reads only. */
@Command(name = "info", description = {"Shows the data folder: counts of users, wikis and pages, versions, schema"
        + " versions, whether a server holds it.", "With SOURCE, shows what An Otter Wiki installation holds instead."})
final class InfoCommand extends CommandBase {
    @Parameters(arity = "0..1", paramLabel = "SOURCE", description = "An Otter Wiki installation folder.")
    Path source;

    @Mixin
    SourceOptions sourceOptions;

    @Override
    int execute() throws Exception {
        if (source != null || sourceOptions.given()) {
            return source();
        }
        Path dataDir = Farm.requireDataDir(common.dataDir());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("dataDir", dataDir.toString());
        info.put("version", Main.version());
        info.put("serverRunning", DataDirLock.isHeld(dataDir));
        try (Connection platform = ReadOnlyData.openPlatform(dataDir)) {
            info.put("users", ReadOnlyData.count(platform, "SELECT count(*) FROM users"));
            info.put("wikis", ReadOnlyData.count(platform, "SELECT count(*) FROM wikis"));
            info.put("pages", ReadOnlyData.count(platform, "SELECT coalesce(sum(page_count), 0) FROM wikis"));
            info.put("platformSchema", Map.of("database", ReadOnlyData.platformVersion(platform),
                    "code", PlatformDatabase.SCHEMA_VERSION));
        }
        Map<Integer, Integer> schemas = ReadOnlyData.wikiSchemas(dataDir.resolve("wikis"));
        info.put("wikiSchema", Map.of("code", OpenWikis.SCHEMA_VERSION, "wikisByVersion", schemas));
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Data folder   %s%nVersion       %s%nServer        %s%n"
                        + "Users         %,d%nWikis         %,d%nPages         %,d%n", dataDir, Main.version(),
                (boolean) info.get("serverRunning") ? "running (it holds the data folder)" : "not running",
                (long) info.get("users"), (long) info.get("wikis"), (long) info.get("pages")));
        @SuppressWarnings("unchecked")
        Map<String, Integer> platformSchema = (Map<String, Integer>) info.get("platformSchema");
        text.append(String.format(Locale.ROOT, "Platform db   schema %d (this version writes %d)%n",
                platformSchema.get("database"), platformSchema.get("code")));
        text.append(String.format(Locale.ROOT, "Wiki dbs      this version writes schema %d;", OpenWikis.SCHEMA_VERSION));
        schemas.forEach((version, count) -> text.append(String.format(Locale.ROOT, " %,d at %s", count,
                version < 0 ? "unreadable" : "schema " + version)));
        common.answer(info, text.append('\n').toString());
        return ExitCode.OK;
    }

    private int source() {
        OtterSource located = sourceOptions.locate(source);
        if (sourceOptions.tenantColumn != null && sourceOptions.tenant == null) {
            List<String> tenants = OtterData.tenants(located, sourceOptions.tenantColumn);
            common.answer(Map.of("database", located.database().toString(), "tenantColumn",
                    sourceOptions.tenantColumn, "tenants", tenants), "Shared database " + located.database()
                    + "\nWikis in it (" + sourceOptions.tenantColumn + "): " + String.join(", ", tenants));
            return ExitCode.OK;
        }
        SourceSummary summary = SourceSummary.of(located);
        common.answer(summary, summary.text());
        return ExitCode.OK;
    }
}
