package org.wikifarm.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code git} command line against the IT server, never prompting, with its own empty configuration. */
final class GitCli {
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final Path home;

    GitCli(Path home) {
        this.home = home;
    }

    /** The clone URL of a wiki with credentials in it ({@code http://user:secret@host/owner/wiki.git}). */
    static String url(TestWiki wiki, String user, String secret) {
        URI base = URI.create(ApiClient.BASE);
        String credentials = user == null ? "" : enc(user) + ":" + enc(secret) + "@";
        return base.getScheme() + "://" + credentials + base.getAuthority() + "/" + wiki.owner() + "/" + wiki.slug()
                + ".git";
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Git Tester",
                "-c", "user.email=tester@example.org", "-c", "init.defaultBranch=main",
                "-c", "credential.helper="));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("GIT_TERMINAL_PROMPT", "0");
            builder.environment().put("GIT_ASKPASS", "/bin/false");
            builder.environment().put("HOME", home.toString());
            builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", args) + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Result ok(Path dir, String... args) {
        Result result = run(dir, args);
        if (!result.ok()) {
            throw new AssertionError("git " + String.join(" ", args) + " failed (" + result.exit() + "):\n"
                    + result.output());
        }
        return result;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
