package org.wikifarm.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.config.Settings;
import org.wikifarm.store.DataDirLock;
import org.wikifarm.store.PlatformCopy;
import org.wikifarm.store.PooledConnections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wikifarm platform-db copy --to URL}: the embedded platform database into an empty PostgreSQL one. */
@Command(name = "platform-db", description = "The platform database (users, wikis, ACLs, tokens).",
        subcommands = PlatformDbCommand.CopyCommand.class)
final class PlatformDbCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: platform-db copy.");
    }

    @Command(name = "copy", description = {"Copies the data folder's platform.db into an empty PostgreSQL database"
            + " (made and migrated first), for a farm of several nodes (docs/scale-out.md).",
            "The server must be stopped. The password is read from PGPASSWORD (or give it in the URL)."})
    static final class CopyCommand extends CommandBase {
        @Option(names = "--to", required = true, paramLabel = "URL",
                description = "jdbc:postgresql://host:5432/database")
        String url;

        @Option(names = "--user", paramLabel = "ROLE", description = "The role to connect as (else the URL's).")
        String user;

        @Override
        int execute() {
            Path dataDir = common.dataDir();
            Path platformDb = dataDir.resolve("platform.db");
            if (!java.nio.file.Files.isRegularFile(platformDb)) {
                throw new org.wikifarm.error.WikifarmException.InvalidInput("not_a_data_dir", dataDir
                        + " has no platform.db to copy. Name the server's data folder with --data DIR.");
            }
            String password = System.getenv("PGPASSWORD");
            Settings.PlatformDb target = new Settings.PlatformDb(url, user, password, "", 2);
            try (DataDirLock ignored = DataDirLock.take(dataDir, "wikifarm platform-db copy")) {
                PlatformCopy.Copied copied = PlatformCopy.copy(platformDb, PooledConnections.of(target));
                // The URL without its parameters: a password given there is not echoed.
                String shown = url.indexOf('?') < 0 ? url : url.substring(0, url.indexOf('?'));
                StringBuilder text = new StringBuilder("Copied " + platformDb + " to " + shown + "\n");
                copied.rows().forEach((table, rows) -> text.append(String.format(Locale.ROOT, "  %-22s %,d%n",
                        table, rows)));
                text.append("Start the nodes with platformDbUrl=").append(shown)
                        .append("; keep platform.db as the backup.\n");
                common.answer(Map.of("copied", copied.rows(), "to", shown), text.toString());
                return ExitCode.OK;
            }
        }
    }
}
