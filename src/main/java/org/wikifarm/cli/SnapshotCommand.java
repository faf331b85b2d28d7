package org.wikifarm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.store.WikiSnapshots;
import org.wikifarm.tenant.Wiki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code wikifarm snapshot list|take|delete}: a wiki's snapshots ({@code snapshot.SnapshotService}, the same as the
 * Snapshots screen and {@code <wiki>/api/v1/snapshots}): consistent copies of its database and repository in
 * {@code data/wikis/<id>/snapshots/<id>/}.
 */
@Command(name = "snapshot", description = "Lists, takes or deletes a wiki's snapshots.",
        subcommands = {SnapshotCommand.ListSnapshots.class, SnapshotCommand.Take.class, SnapshotCommand.Delete.class})
final class SnapshotCommand {

    static Map<String, Object> json(Wiki wiki, WikiSnapshots.Snapshot snapshot) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("wiki", wiki.owner() + "/" + wiki.slug());
        result.put("id", snapshot.id());
        result.put("damaged", snapshot.damaged());
        if (!snapshot.damaged()) {
            result.put("commit", snapshot.manifest().commit());
            result.put("schemaVersion", snapshot.manifest().schemaVersion());
            result.put("createdAt", snapshot.manifest().createdAt().toString());
            result.put("bytes", snapshot.manifest().bytes());
        }
        return result;
    }

    static String line(Map<String, Object> snapshot) {
        return Boolean.TRUE.equals(snapshot.get("damaged"))
                ? String.format(Locale.ROOT, "%s %s: damaged (no readable manifest)", snapshot.get("wiki"),
                snapshot.get("id"))
                : String.format(Locale.ROOT, "%s %s: commit %.12s, schema %d, %,d bytes", snapshot.get("wiki"),
                snapshot.get("id"), snapshot.get("commit"), (int) snapshot.get("schemaVersion"),
                (long) snapshot.get("bytes"));
    }

    @Command(name = "list", description = "Lists a wiki's snapshots, newest first.")
    static final class ListSnapshots extends CommandBase {
        @Parameters(index = "0", paramLabel = "WIKI", description = "owner/name or the wiki's id.")
        String wiki;

        @Override
        int execute() {
            List<Map<String, Object>> found = new ArrayList<>();
            try (Farm farm = Farm.open(common.dataDir(), "wikifarm snapshot list")) {
                Wiki chosen = WikiChoice.one(farm.wikis(), wiki);
                farm.snapshots().list(chosen.id()).forEach(snapshot -> found.add(json(chosen, snapshot)));
            }
            StringBuilder text = new StringBuilder();
            found.forEach(snapshot -> text.append(line(snapshot)).append('\n'));
            common.answer(Map.of("snapshots", found), text.append(found.size()).append(" snapshots").toString());
            return ExitCode.OK;
        }
    }

    @Command(name = "take", description = "Takes a snapshot of one wiki or of all (each stays online meanwhile).")
    static final class Take extends CommandBase {
        @Mixin
        WikiChoice choice;

        @Override
        int execute() {
            List<Map<String, Object>> taken = new ArrayList<>();
            try (Farm farm = Farm.open(common.dataDir(), "wikifarm snapshot take")) {
                List<Wiki> wikis = choice.resolve(farm.wikis());
                try (Progress progress = common.progress("wikis snapshotted", wikis.size())) {
                    for (Wiki wiki : wikis) {
                        taken.add(json(wiki, farm.snapshots().take(wiki.id())));
                        progress.step();
                    }
                }
            }
            StringBuilder text = new StringBuilder();
            taken.forEach(snapshot -> text.append(line(snapshot)).append('\n'));
            common.answer(Map.of("taken", taken), text.append(taken.size()).append(" snapshots taken").toString());
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Deletes one snapshot of a wiki.")
    static final class Delete extends CommandBase {
        @Parameters(index = "0", paramLabel = "WIKI", description = "owner/name or the wiki's id.")
        String wiki;

        @Parameters(index = "1", paramLabel = "SNAPSHOT", description = "The snapshot's id (see snapshot list).")
        String snapshot;

        @Override
        int execute() {
            try (Farm farm = Farm.open(common.dataDir(), "wikifarm snapshot delete")) {
                Wiki chosen = WikiChoice.one(farm.wikis(), wiki);
                farm.snapshots().delete(chosen.id(), snapshot);
            }
            common.answer(Map.of("deleted", snapshot), "Snapshot " + snapshot + " deleted");
            return ExitCode.OK;
        }
    }
}
