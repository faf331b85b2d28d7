package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The WAR redeployed ten times in a row through the Tomcat manager's text API, the way docs/deploy.md tells a sysadmin
 * to: Debian's Tomcat with the natives and their listener in {@code lib/} ({@link ManagerTomcat}) and the
 * shared-natives WAR. After every deploy the product works (sign-up, a new wiki, a page written and read, found by
 * semantic search, so the model loads from the shared natives), Tomcat's {@code findleaks} finds nothing, only the
 * manager's and the current deployment's class loaders are alive, and the heap after a full collection stays flat.
 * Every figure is printed and written to {@code <build>/redeploy-figures.md} (docs/benchmarks.md).
 */
class RedeployIT {
    private static final int DEPLOYS = 10;
    /** One leaked deployment holds some 8 MB of heap; the loader count below catches even one. */
    private static final long HEAP_MARGIN_BYTES = 32L << 20;
    private static final Path WAR = OwnTomcat.BUILD.resolve("wikifarm-shared-natives.war");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void tenRedeploysThroughTheManagerKeepWorkingAndLeakNothing() throws Exception {
        assertThat(WAR).as("built by mvn package").exists();
        Path root = OwnTomcat.BUILD.resolve("redeploy-it-" + System.nanoTime());
        Files.createDirectories(root);
        List<Figures> figures = new ArrayList<>();
        try (ManagerTomcat tomcat = ManagerTomcat.start(root.resolve("tomcat"), root.resolve("data"))) {
            String admin = null;
            for (int deploy = 1; deploy <= DEPLOYS; deploy++) {
                long begin = System.nanoTime();
                String deployed = tomcat.deploy("/", WAR);
                long deployMillis = (System.nanoTime() - begin) / 1_000_000;
                assertThat(deployed).as("deploy %d; see %s", deploy, tomcat.log())
                        .startsWith("OK - Deployed application at context path [/]");
                if (admin == null) {
                    admin = signUp(tomcat, "admin", true);
                }
                productWorks(tomcat, deploy);

                long heap = heapAfterFullCollection(tomcat, admin);
                String leaks = tomcat.manager("findleaks?statusLine=true").strip();
                int loaders = webappClassLoaders(tomcat.pid());
                Figures figure = new Figures(deploy, deployMillis, heap, residentBytes(tomcat.pid()), loaders, leaks);
                figures.add(figure);
                System.out.println("RedeployIT " + figure);
                assertThat(leaks).as("deploy %d: findleaks; see %s", deploy, tomcat.log())
                        .isEqualTo("OK - No memory leaks found");
                assertThat(loaders).as("deploy %d: web application class loaders alive after a full collection "
                        + "(the manager's and this deployment's)", deploy).isEqualTo(2);
            }
        } finally {
            write(figures);
        }
        long second = figures.get(1).heapBytes();
        long last = figures.get(DEPLOYS - 1).heapBytes();
        assertThat(last).as("heap after the last deploy vs the second: %s", figures)
                .isLessThanOrEqualTo(second + HEAP_MARGIN_BYTES);
    }

    /** What a new user does: signs up, makes a wiki, writes a page, reads it back and finds it by meaning. */
    private void productWorks(ManagerTomcat tomcat, int deploy) throws IOException, InterruptedException {
        String auth = signUp(tomcat, "user" + deploy, false);
        JsonNode wiki = send(tomcat, auth, "POST", "/api/v1/wikis", Map.of("slug", "notes", "is_public", false), 201);
        String api = wiki.path("url").asText() + "/api/v1";
        String content = "# Lighthouse " + deploy + "\n\nThe keeper of lighthouse-" + deploy + " logs every storm at "
                + "sea, trims the wick at dusk and polishes the great lens, so that ships pass the rocks at night.";
        send(tomcat, auth, "PUT", api + "/pages/lighthouse", Map.of("content", content), 201);
        assertThat(send(tomcat, auth, "GET", api + "/pages/lighthouse", null, 200).path("content").asText())
                .isEqualTo(content);

        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode status;
        do {
            status = send(tomcat, auth, "GET", api + "/search/status", null, 200);
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && status.path("indexed_chunks").asInt() > 0) {
                break;
            }
            assertThat(status.path("semantic").asText()).as("deploy %d: the model must load from Tomcat's lib; "
                    + "see %s", deploy, tomcat.log()).isNotEqualTo("failed");
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        assertThat(status.path("semantic").asText()).as("deploy %d: %s", deploy, status).isEqualTo("ready");
        JsonNode semantic = send(tomcat, auth, "GET",
                api + "/search?mode=semantic&q=a+keeper+who+tends+the+light+through+storms+at+sea", null, 200);
        assertThat(semantic.path("mode").asText()).as("deploy %d: %s", deploy, semantic).isEqualTo("semantic");
        assertThat(semantic.path("hits").path(0).path("path").asText()).as("deploy %d: %s", deploy, semantic)
                .isEqualTo("lighthouse");
        // A screen too: the JSPs' expression resolvers (web.AccessorResolver) must not outlive the deployment.
        HttpResponse<String> screen = http.send(HttpRequest.newBuilder(URI.create(tomcat.baseUrl()
                        + wiki.path("url").asText() + "/-/search?q=keeper+storm")).header("Authorization", auth)
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(screen.statusCode()).as("deploy %d: %s", deploy, screen.body()).isEqualTo(200);
        assertThat(screen.body()).as("deploy %d", deploy).contains("class=\"search-hit-link\"", "lighthouse");
    }

    /** A new account; returns its Basic authorization. The first account of the data folder is the admin. */
    private String signUp(ManagerTomcat tomcat, String prefix, boolean admin) throws IOException, InterruptedException {
        String user = Fixtures.randomName(prefix, 8);
        String password = Fixtures.randomName("pw-", 20);
        JsonNode created = send(tomcat, null, "POST", "/api/v1/users", Map.of("username", user, "password", password),
                201);
        assertThat(created.path("is_admin").asBoolean()).as("%s", created).isEqualTo(admin);
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code heap_used_bytes} after a second full collection: a finalizer (JGit's work queue has one) can keep an
     * undeployed application alive through the first.
     */
    private long heapAfterFullCollection(ManagerTomcat tomcat, String admin) throws IOException, InterruptedException {
        send(tomcat, admin, "GET", "/api/v1/health?gc=true", null, 200);
        Thread.sleep(1000);
        JsonNode health = send(tomcat, admin, "GET", "/api/v1/health?gc=true", null, 200);
        long heap = health.path("runtime").path("heap_used_bytes").asLong(-1);
        assertThat(heap).as("an admin sees the heap: %s", health).isPositive();
        return heap;
    }

    /** Instances of Tomcat's web application class loader, counted by jcmd after a full collection. */
    private static int webappClassLoaders(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String histogram = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(histogram).isZero();
        int loaders = 0;
        for (String line : histogram.lines().toList()) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length >= 4 && columns[3].equals("org.apache.catalina.loader.ParallelWebappClassLoader")) {
                loaders += Integer.parseInt(columns[1]);
            }
        }
        return loaders;
    }

    /** The process's resident memory (heap pages touched, metaspace, natives): printed, not asserted. */
    private static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    private JsonNode send(ManagerTomcat tomcat, String auth, String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        return JsonCalls.send(http, tomcat.baseUrl(), auth, method, path, body, expected);
    }

    private record Figures(int deploy, long deployMillis, long heapBytes, long residentBytes, int loaders,
                           String findleaks) {
        String row() {
            return "| %d | %.1f | %.1f | %.1f | %d | %s |".formatted(deploy, deployMillis / 1000.0, heapBytes / 1048576.0,
                    residentBytes / 1048576.0, loaders, findleaks);
        }

        @Override
        public String toString() {
            return "deploy %d: %d ms, heap after GC %.1f MB, resident %.1f MB, %d web application class loaders, %s"
                    .formatted(deploy, deployMillis, heapBytes / 1048576.0, residentBytes / 1048576.0, loaders,
                            findleaks);
        }
    }

    private static void write(List<Figures> figures) throws IOException {
        StringBuilder table = new StringBuilder("RedeployIT, " + LocalDate.now() + ": the shared-natives WAR deployed "
                + figures.size() + " times through the manager of Debian's Tomcat\n\n"
                + "| deploy | deploy (s) | heap after full GC (MB) | resident (MB) | web app class loaders | findleaks |\n"
                + "|---:|---:|---:|---:|---:|---|\n");
        figures.forEach(figure -> table.append(figure.row()).append('\n'));
        Files.writeString(OwnTomcat.BUILD.resolve("redeploy-figures.md"), table);
    }
}
