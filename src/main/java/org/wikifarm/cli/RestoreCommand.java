package org.wikifarm.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.wikifarm.snapshot.SnapshotService;
import org.wikifarm.tenant.Wiki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code wikifarm restore WIKI SNAPSHOT}: puts a wiki back as a snapshot holds it ({@code SnapshotService}): the
 * snapshot is verified first (manifest and checksums, that it is this wiki's, {@code PRAGMA integrity_check}, the
 * bundle), then swapped in and the search index rebuilt. A snapshot that fails a check leaves the wiki as it was.
 */
@Command(name = "restore", description = "Restores a wiki from one of its snapshots (verified first; the search index"
        + " is rebuilt).")
final class RestoreCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "WIKI", description = "owner/name or the wiki's id.")
    String wiki;

    @Parameters(index = "1", paramLabel = "SNAPSHOT", description = "The snapshot's id (see snapshot list).")
    String snapshot;

    @Override
    int execute() {
        Map<String, Object> result = new LinkedHashMap<>();
        try (Farm farm = Farm.open(common.dataDir(), "wikifarm restore")) {
            Wiki chosen = WikiChoice.one(farm.wikis(), wiki);
            SnapshotService.Restored restored = farm.snapshots().restore(chosen.id(), snapshot);
            result.put("wiki", chosen.owner() + "/" + chosen.slug());
            result.put("snapshot", restored.snapshot());
            result.put("commit", restored.commit());
            result.put("schemaVersion", restored.schemaVersion());
        }
        common.answer(result, result.get("wiki") + " restored from " + result.get("snapshot") + " (commit "
                + result.get("commit") + ")");
        return ExitCode.OK;
    }
}
