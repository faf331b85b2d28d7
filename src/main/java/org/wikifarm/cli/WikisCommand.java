package org.wikifarm.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wikifarm wikis list}: every wiki of the data folder. Reads only. */
@Command(name = "wikis", description = "Lists the farm's wikis.", subcommands = WikisCommand.ListCommand.class)
final class WikisCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: wikis list.");
    }

    @Command(name = "list", description = "Lists every wiki: owner/name, id, display name, pages, disk usage.")
    static final class ListCommand extends CommandBase {
        @Option(names = "--owner", paramLabel = "USER", description = "Only this user's wikis.")
        String owner;

        @Override
        int execute() throws Exception {
            List<ReadOnlyData.WikiRow> wikis = ReadOnlyData.wikis(Farm.requireDataDir(common.dataDir()), owner);
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "%-40s %-12s %7s %12s  %s%n", "WIKI", "ID", "PAGES", "BYTES",
                    "DISPLAY NAME"));
            for (ReadOnlyData.WikiRow wiki : wikis) {
                text.append(String.format(Locale.ROOT, "%-40s %-12s %,7d %,12d  %s%n",
                        wiki.owner() + "/" + wiki.slug(), wiki.id(), wiki.pages(), wiki.diskUsageBytes(),
                        wiki.displayName()));
            }
            text.append(String.format(Locale.ROOT, "%,d wikis%n", wikis.size()));
            common.answer(Map.of("wikis", wikis), text.toString());
            return ExitCode.OK;
        }
    }
}
