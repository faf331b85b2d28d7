package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.importer.OtterInstallation;

/**
 * The command-line tool as a sysadmin runs it: {@code bin/wikifarm} (the built {@code wikifarm-cli.jar}) as its own
 * process, against the data folder of a real Tomcat running the built WAR. While the server runs, the tool refuses to
 * write (exit 4, the JSON error) and reading still works; once the server is stopped, An Otter Wiki installation is
 * imported; the server started again serves the imported pages over HTTP; {@code close} asks it to close idle wikis.
 */
class CliIT {
    private static final Path LAUNCHER = OwnTomcat.BUILD.getParent().resolve("bin/wikifarm");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @Test
    void importsIntoAStoppedServersDataFolderAndTheServerServesIt() throws Exception {
        Path data = root.resolve("data");
        // In the build folder, so its logs outlive a failed run.
        Path tomcatBase = OwnTomcat.BUILD.resolve("cli-it-tomcat");
        deleteRecursively(tomcatBase);
        OtterInstallation otter = OtterInstallation.create(root.resolve("otter"));
        otter.write("home.md", "# Home\n\nSee [[Project Plan]].\n");
        otter.write("project plan.md", "# Project Plan\n\nPlant the roses in spring.\n");
        otter.commit("Bob", "bob@example.org", "First pages");
        otter.sql("INSERT INTO preferences (name, value) VALUES ('SITE_NAME', 'Garden Club')");
        Path password = root.resolve("admin-password");
        Files.writeString(password, "correct horse battery admin");

        try (OwnTomcat tomcat = new OwnTomcat(tomcatBase, data, java.util.Map.of())) {
            tomcat.start();
            signUp(tomcat, "opsadmin", "correct horse battery admin", null);
            signUp(tomcat, "alice", "correct horse battery alice", "alice@example.org");

            Run refused = wikifarm("import", otter.folder.toString(), "--owner", "alice", "--name", "garden",
                    "--data", data.toString(), "--json");
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(4);
            assertThat(refused.json().path("error").asText()).isEqualTo("data_dir_locked");
            assertThat(refused.json().path("message").asText()).contains("the Wikifarm server");
            Run info = wikifarm("info", "--data", data.toString(), "--json");
            assertThat(info.exitCode()).as(info.err()).isZero();
            assertThat(info.json().path("serverRunning").asBoolean()).isTrue();
            assertThat(info.json().path("users").asInt()).isEqualTo(2);

            Run closed = wikifarm("close", "--idle", "--url", tomcat.baseUrl(), "--user", "opsadmin",
                    "--password-file", password.toString(), "--json");
            assertThat(closed.exitCode()).as(closed.err() + closed.out()).isZero();
            assertThat(closed.json().has("closed")).isTrue();
            Run wrongPassword = wikifarm("close", "--idle", "--url", tomcat.baseUrl(), "--user", "opsadmin",
                    "--password-file", otter.folder.resolve("settings.cfg").toString());
            assertThat(wrongPassword.exitCode()).isEqualTo(8);
            // Stopped the hard way: the OS releases the lock of a killed server, so no stale lock is left.
            tomcat.close();

            Run dryRun = wikifarm("import", otter.folder.toString(), "--owner", "alice", "--name", "garden", "--data",
                    data.toString(), "--dry-run", "--json");
            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.json().path("imports").get(0).path("plan").path("pages").size()).isEqualTo(2);
            Run imported = wikifarm("import", otter.folder.toString(), "--owner", "alice", "--name", "garden",
                    "--data", data.toString(), "--json");
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out()).as("standard output is the JSON alone").startsWith("{");
            assertThat(imported.json().path("imports").get(0).path("importId").asText()).startsWith("imp-");
            assertThat(wikifarm("import", otter.folder.toString(), "--owner", "alice", "--name", "garden", "--data",
                    data.toString()).exitCode()).as("the name is taken now").isEqualTo(7);

            // The same server again (its port is in its server.xml), on the folder with the imported wiki.
            tomcat.start();
            HttpResponse<String> page = get(tomcat, "/alice/garden/api/v1/pages/Project%20Plan");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(JSON.readTree(page.body()).path("content").asText()).contains("Plant the roses in spring.");
            HttpResponse<String> wiki = get(tomcat, "/alice/garden/api/v1/pages/Home");
            assertThat(wiki.statusCode()).isEqualTo(200);

            // The proxy map only reads: it is made while the server runs, and written whole.
            Path mapFile = root.resolve("haproxy/wikifarm.map");
            Run map = wikifarm("proxy-map", "--data", data.toString(), "--output", mapFile.toString(), "--json");
            assertThat(map.exitCode()).as(map.err()).isZero();
            assertThat(map.json().path("mode").asText()).isEqualTo("path");
            assertThat(map.json().path("entries").asInt()).isEqualTo(2 * map.json().path("wikis").asInt());
            assertThat(Files.readAllLines(mapFile)).hasSize(1 + map.json().path("entries").asInt())
                    .allMatch(line -> line.startsWith("#") || line.startsWith("/alice/garden"));
        }

        Path notData = Files.createDirectories(root.resolve("not-data"));
        Run notADataDir = wikifarm("wikis", "list", "--data", notData.toString());
        assertThat(notADataDir.exitCode()).isEqualTo(3);
        assertThat(notADataDir.err()).contains("is not a Wikifarm data folder");
        try (var files = Files.list(notData)) {
            assertThat(files).isEmpty();
        }
    }

    private static Run wikifarm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("WIKIFARM_PASSWORD");
        Process process = builder.start();
        var out = process.getInputStream();
        var err = process.getErrorStream();
        java.util.concurrent.CompletableFuture<byte[]> errBytes = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return err.readAllBytes();
                    } catch (IOException e) {
                        return new byte[0];
                    }
                });
        String stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), stdout, new String(errBytes.join(), StandardCharsets.UTF_8));
    }

    private static void signUp(OwnTomcat tomcat, String user, String password, String email) throws Exception {
        String body = JSON.writeValueAsString(email == null ? java.util.Map.of("username", user, "password", password)
                : java.util.Map.of("username", user, "password", password, "email", email));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(tomcat.baseUrl() + "/api/v1/users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static HttpResponse<String> get(OwnTomcat tomcat, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tomcat.baseUrl() + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
