package org.wikifarm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code wikifarm}: the command-line tool for sysadmins (docs/cli.md). Writing commands work on a stopped server's
 * data folder and refuse while a server holds it; {@code info} and {@code wikis list} only read; {@code close} asks a
 * running server.
 */
@Command(name = "wikifarm", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Operates a Wikifarm data folder.",
        subcommands = {InfoCommand.class, WikisCommand.class, ReindexCommand.class, RecomputeUsageCommand.class,
                CloseCommand.class, ImportCommand.class, SnapshotCommand.class, RestoreCommand.class,
                MigrateCommand.class, PlatformDbCommand.class, ProxyMapCommand.class, NodesCommand.class,
                MoveCommand.class, AdoptCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed unexpectedly (the message says why)", "2:wrong command line",
                "3:not a Wikifarm data folder", "4:a running server holds the data folder",
                "5:bad input (not an installation, wrong database shape, invalid name)",
                "6:not found (owner, wiki, import)", "7:conflict (name taken, wiki in use)",
                "8:the server (or HAProxy) could not be reached or refused"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        // Before any logger exists: warnings only, on standard error, so standard output is the answer alone.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-cli.xml");
        }
        // Standard output is the command's answer alone: anything a library prints there (Liquibase's update
        // summary) goes to standard error instead.
        java.io.PrintStream answer = System.out;
        System.setOut(System.err);
        System.exit(run(args, new PrintWriter(answer, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Main());
        line.setOut(out);
        line.setErr(err);
        return line.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command (wikifarm help lists them).");
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wikifarm " + version()};
        }
    }
}
