package org.wikifarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wikifarm nodes --url URL --user ADMIN}: the nodes of a running farm and how many wikis each holds. */
@Command(name = "nodes", description = {"Lists the nodes of a running farm through its admin API.",
        "The password is read from WIKIFARM_PASSWORD or --password-file."})
final class NodesCommand extends CommandBase {
    @Mixin
    AdminApiOptions server;

    @Override
    int execute() throws Exception {
        AdminApiOptions.Answer answer = server.call("GET", "/api/v1/admin/nodes", null, Duration.ofSeconds(30));
        if (answer.status() != 200) {
            return AdminApiOptions.fail(common, answer);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode node : answer.body().path("nodes")) {
            text.append(String.format(java.util.Locale.ROOT, "%-20s %-6s %6d wikis  %,d bytes free  %s%n", node.path("name").asText(),
                    node.path("live").asBoolean() ? "live" : "down", node.path("wikis").asInt(),
                    node.path("free_bytes").asLong(), node.path("url").asText()));
        }
        common.answer(answer.body(), text.toString().stripTrailing());
        return ExitCode.OK;
    }
}
