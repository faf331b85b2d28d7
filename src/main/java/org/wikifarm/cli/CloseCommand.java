package org.wikifarm.cli;

import java.time.Duration;
import org.wikifarm.error.WikifarmException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wikifarm close --idle|WIKI --url URL --user ADMIN}: closes open wikis of a <em>running</em> server. Open
 * wikis live in the server's memory, so unlike the other commands this one does not touch the data folder: it asks
 * the server's admin API ({@code POST /api/v1/admin/open-wikis/{id}/close}, {@code …/close-idle}) as a platform
 * administrator ({@link AdminApiOptions}).
 */
@Command(name = "close", description = {"Closes open wikis of a running server through its admin API (a wiki in use"
        + " is never closed).", "The password is read from WIKIFARM_PASSWORD or --password-file."})
final class CloseCommand extends CommandBase {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--idle", required = true, description = "Every open wiki nobody is using.")
        boolean idle;

        @Parameters(paramLabel = "WIKI_ID", description = "One wiki, by its id (wikifarm wikis list shows it).")
        String wiki;
    }

    @Mixin
    AdminApiOptions server;

    @Override
    int execute() throws Exception {
        if (which.wiki != null && !org.wikifarm.store.TenantId.isValid(which.wiki)) {
            throw new WikifarmException.InvalidInput("invalid_wiki", "Name the wiki by its id: " + which.wiki);
        }
        String path = which.idle ? "/api/v1/admin/open-wikis/close-idle"
                : "/api/v1/admin/open-wikis/" + which.wiki + "/close";
        AdminApiOptions.Answer answer = server.call("POST", path, "{}", Duration.ofSeconds(30));
        if (answer.status() != 200) {
            return AdminApiOptions.fail(common, answer);
        }
        String text = which.idle ? "Closed " + (answer.body() == null ? "?" : answer.body().path("closed").asText())
                + " idle wikis." : "Closed wiki " + which.wiki + ".";
        common.answer(answer.body(), text);
        return ExitCode.OK;
    }
}
