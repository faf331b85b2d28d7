package org.wikifarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wikifarm move OWNER/SLUG --to NODE --url URL --user ADMIN}: moves a wiki to another node of a running farm
 * (docs/scale-out.md) through any node's admin API ({@code POST /api/v1/admin/nodes/moves}), which passes it to the
 * node that holds the wiki; waits until the move is done and says how long the wiki was read-only.
 */
@Command(name = "move", description = {"Moves a wiki to another node of a running farm through its admin API.",
        "The wiki is read-only while it moves; reads go on. The password is read from WIKIFARM_PASSWORD or"
                + " --password-file."})
final class MoveCommand extends CommandBase {
    @Parameters(paramLabel = "OWNER/SLUG", description = "The wiki, such as alice/notes.")
    String wiki;

    @Option(names = "--to", required = true, paramLabel = "NODE", description = "The node to move it to.")
    String to;

    @Mixin
    AdminApiOptions server;

    @Override
    int execute() throws Exception {
        AdminApiOptions.Answer answer = server.call("POST", "/api/v1/admin/nodes/moves",
                Common.JSON.writeValueAsString(Map.of("wiki", wiki, "to", to)), Duration.ofHours(2));
        if (answer.status() != 200) {
            return AdminApiOptions.fail(common, answer);
        }
        JsonNode moved = answer.body();
        common.answer(moved, "Moved " + wiki + " from " + moved.path("from").asText() + " to "
                + moved.path("to").asText() + ": " + moved.path("copy_bytes").asLong() + " bytes copied, read-only for "
                + moved.path("read_only_millis").asLong() + " ms.");
        return ExitCode.OK;
    }
}
