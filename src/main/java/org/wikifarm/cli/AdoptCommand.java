package org.wikifarm.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wikifarm.node.Adoption;
import org.wikifarm.node.NodeClient;
import org.wikifarm.node.NodeDirectory;
import org.wikifarm.node.PlacementPolicy;
import org.wikifarm.node.Placements;
import org.wikifarm.node.ProxyRoutes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wikifarm adopt SNAPSHOT_DIR [--force]}: this node holds a wiki of the farm again, from a snapshot of it (a
 * backup of {@code data/wikis/<id>/snapshots/<time>/} of a node that is lost), under its own id: its address,
 * members, tokens and settings are the platform database's and stay as they were ({@link Adoption}). The server of
 * this data folder must be stopped; it serves the wiki when it starts, and points HAProxy's map at it.
 */
@Command(name = "adopt", description = {"Makes this node hold a wiki of the farm again, from a snapshot of it (a lost"
        + " node's wiki, from its backup), under its own id.", "The server of this data folder must be stopped."})
final class AdoptCommand extends CommandBase {
    @Parameters(paramLabel = "SNAPSHOT_DIR", description = "A snapshot folder of the wiki (with manifest.json).")
    Path snapshot;

    @Option(names = "--force", description = "Even if the node that held the wiki still reports itself.")
    boolean force;

    @Override
    int execute() {
        Map<String, Object> result = new LinkedHashMap<>();
        try (Farm farm = Farm.open(common.dataDir(), "wikifarm adopt")) {
            String self = farm.settings().cluster().nodeName();
            NodeDirectory directory = new NodeDirectory(farm.platform(), java.time.Clock.systemUTC());
            Placements placements = new Placements(farm.platform(), self, true, directory,
                    new PlacementPolicy(farm.settings().cluster().placement()),
                    new NodeClient(farm.settings().cluster().nodeSecret(), java.time.Duration.ofMinutes(1)),
                    ProxyRoutes.NONE);
            Adoption.Adopted adopted = new Adoption(placements, directory, farm.openWikis()).adopt(snapshot, force);
            result.put("wiki", adopted.wiki().value());
            result.put("from", adopted.from());
            result.put("node", self);
            result.put("commit", adopted.commit());
        }
        common.answer(result, "Wiki " + result.get("wiki") + " is held by " + result.get("node") + " again (it was "
                + result.get("from") + "), at commit " + result.get("commit") + ".");
        return ExitCode.OK;
    }
}
