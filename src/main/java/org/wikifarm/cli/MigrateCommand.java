package org.wikifarm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.snapshot.SchemaMigrations;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.tenant.Wiki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code wikifarm migrate --all|WIKI}: brings wikis' databases to this version's schema ({@code
 * snapshot.SchemaMigrations}, whatever the setting {@code migrations}): each database is copied aside first and put
 * back if its migration fails; a wiki newer than this version is refused untouched. Exit 1 if any failed.
 */
@Command(name = "migrate", description = "Migrates the database of one wiki or of all older ones to this version's"
        + " schema (a copy is kept aside and put back if a migration fails).")
final class MigrateCommand extends CommandBase {
    @Mixin
    WikiChoice choice;

    @Override
    int execute() {
        Map<String, Object> result = new LinkedHashMap<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        try (Farm farm = Farm.open(common.dataDir(), "wikifarm migrate")) {
            if (choice.which.all) {
                SchemaMigrations.Progress done;
                try (Progress progress = common.progress("wikis migrated", 0)) {
                    done = farm.migrations().migrateAll(now -> {
                        progress.total(now.total());
                        progress.to(now.done());
                    });
                }
                result.put("found", done.total());
                result.put("migrated", done.migrated());
                done.failures().forEach(failure -> failures.add(Map.of("wiki", failure.wiki(),
                        "reason", failure.reason())));
            } else {
                Wiki wiki = WikiChoice.one(farm.wikis(), choice.which.wiki);
                OpenWikis.Migrated migrated = farm.migrations().migrate(wiki.id());
                result.put("wiki", wiki.owner() + "/" + wiki.slug());
                result.put("from", migrated.from());
                result.put("to", migrated.to());
            }
        }
        result.put("failures", failures);
        String text = result.containsKey("wiki")
                ? result.get("wiki") + ": schema " + result.get("from") + " -> " + result.get("to")
                : result.get("migrated") + " of " + result.get("found") + " older wikis migrated, " + failures.size()
                + " failed" + (failures.isEmpty() ? "" : ": " + failures);
        common.answer(result, text);
        return failures.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}
