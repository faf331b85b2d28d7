package org.wikifarm.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;

/**
 * The shipped {@code deploy/haproxy/haproxy.cfg}, run by the real HAProxy in front of two tiny backends that answer
 * their own name: routing by the map Wikifarm writes, in path and host mode, and live changes through
 * {@link HaproxyRuntime}. Only ports and paths of the file are substituted, so this proves what operators run.
 * Skipped when {@code /usr/sbin/haproxy} is missing, unless {@code WIKIFARM_TEST_REQUIRE_HAPROXY=true} (CI).
 */
class HaproxyRoutingTest {
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final Path CONFIG = Path.of("deploy/haproxy/haproxy.cfg");
    private static final String BASE = "farm.example";
    private static final List<HttpServer> BACKENDS = new ArrayList<>();
    private static int node1Port;
    private static int node2Port;

    @TempDir
    Path dir;
    private Process haproxy;
    private int frontPort;
    private int runtimePort;
    private Path map;

    @BeforeAll
    static void backends() throws IOException {
        if (!Files.isExecutable(HAPROXY)) {
            if ("true".equals(System.getenv("WIKIFARM_TEST_REQUIRE_HAPROXY"))) {
                fail(HAPROXY + " is missing and WIKIFARM_TEST_REQUIRE_HAPROXY=true (apt-get install haproxy)");
            }
            Assumptions.abort(HAPROXY + " is missing: install Debian's haproxy to run the routing tests");
        }
        node1Port = backend("node1");
        node2Port = backend("node2");
    }

    @AfterAll
    static void stopBackends() {
        BACKENDS.forEach(server -> server.stop(0));
        BACKENDS.clear();
    }

    @AfterEach
    void stopHaproxy() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void pathModeRoutesEachWikiToItsNodeAndTheRestToAllNodes() throws Exception {
        Map<String, String> entries = start(List.of(
                placed("alice", "notes", null, "node1"), placed("alice", "notes2", null, "node2"),
                placed("bob", "handbook", null, "node2")), null);
        assertRoute(entries, "proxy.example", "/alice/notes", "node1");
        assertRoute(entries, "proxy.example", "/alice/notes/", "node1");
        assertRoute(entries, "proxy.example:8080", "/alice/notes/api/v1/pages/Home?x=1", "node1");
        assertRoute(entries, "proxy.example", "/alice/notes.git/info/refs?service=git-upload-pack", "node1");
        assertRoute(entries, "proxy.example", "/alice/notes2", "node2");
        assertRoute(entries, "proxy.example", "/alice/notes2/pages/Home", "node2");
        assertRoute(entries, "proxy.example", "/bob/handbook/x", "node2");
        for (String platform : List.of("/", "/api/v1/health", "/login", "/alice", "/alice/", "/alice/notes3",
                "/alice/note", "/Alice/notes", "/carol/notes", "//alice/notes", "/static/app.css")) {
            assertDefault(entries, "proxy.example", platform);
        }
    }

    @Test
    void hostModeRoutesUserHostsCustomSlugsAndDomainsWithTheirPrefixes() throws Exception {
        Map<String, String> entries = start(List.of(
                new ProxyMap.Placed(new Username("alice"), new Slug("notes"), null, List.of("docs.example.org"),
                        "node1"),
                placed("alice", "notes2", null, "node2"),
                new ProxyMap.Placed(new Username("bob"), new Slug("handbook"), new Slug("team"), List.of(),
                        "node2")), BASE);
        for (String prefix : List.of("", "www.", "api.")) {
            assertRoute(entries, prefix + "alice." + BASE, "/notes/pages/Home", "node1");
            assertRoute(entries, prefix + "alice." + BASE + ":8443", "/notes.git/info/refs", "node1");
            assertRoute(entries, prefix + "ALICE.Farm.Example.", "/notes2", "node2");
            assertRoute(entries, prefix + "team." + BASE, "/", "node2");
            assertRoute(entries, prefix + "team." + BASE, "/pages/Home", "node2");
            assertRoute(entries, prefix + "bob." + BASE, "/handbook", "node2");
            assertRoute(entries, prefix + "docs.example.org", "/pages/Home", "node1");
            assertRoute(entries, prefix + "Docs.Example.Org:80", "/", "node1");
            assertDefault(entries, prefix + BASE, "/login");
            assertDefault(entries, prefix + BASE, "/alice/notes");
            assertDefault(entries, prefix + "alice." + BASE, "/notes3");
            assertDefault(entries, prefix + "alice." + BASE, "/");
            assertDefault(entries, prefix + "unknown.example.org", "/");
        }
        assertDefault(entries, "www.www.alice." + BASE, "/notes");
    }

    @Test
    void changesThroughTheRuntimeApiTakeEffectOnTheNextRequestWithoutAReload() throws Exception {
        start(List.of(placed("alice", "notes", null, "node1")), null);
        HaproxyRuntime tcp = new HaproxyRuntime("127.0.0.1:" + runtimePort, Duration.ofSeconds(5));
        HaproxyRuntime unix = new HaproxyRuntime(dir.resolve("admin.sock").toString(), Duration.ofSeconds(5));
        String mapName = map.toString();
        long pid = haproxy.pid();
        assertThat(get("proxy.example", "/alice/notes")).isEqualTo("node1");

        // Move alice/notes to node2: both of its keys.
        tcp.setAll(mapName, ProxyMap.entries(placed("alice", "notes", null, "node2"), null));
        assertThat(get("proxy.example", "/alice/notes/pages/Home")).isEqualTo("node2");
        assertThat(get("proxy.example", "/alice/notes.git/info/refs")).isEqualTo("node2");

        // A new wiki, added live through the unix socket.
        assertDefaultLive("/bob/new-wiki");
        unix.setAll(mapName, ProxyMap.entries(placed("bob", "new-wiki", null, "node1"), null));
        assertThat(get("proxy.example", "/bob/new-wiki")).isEqualTo("node1");
        assertThat(unix.show(mapName)).containsEntry("/bob/new-wiki", "node1").containsEntry("/alice/notes", "node2");

        // Deleted: back to all nodes.
        assertThat(tcp.delete(mapName, "/bob/new-wiki")).isTrue();
        assertThat(tcp.delete(mapName, "/bob/new-wiki")).isFalse();
        assertDefaultLive("/bob/new-wiki");

        // The whole map swapped at once.
        tcp.replaceAll(mapName, ProxyMap.entries(List.of(placed("alice", "notes", null, "node1"),
                placed("carol", "journal", null, "node2")), null));
        assertThat(tcp.show(mapName)).containsOnlyKeys("/alice/notes", "/alice/notes.git", "/carol/journal",
                "/carol/journal.git");
        assertThat(get("proxy.example", "/alice/notes")).isEqualTo("node1");
        assertThat(get("proxy.example", "/carol/journal/x")).isEqualTo("node2");
        assertThat(haproxy.isAlive()).isTrue();
        assertThat(haproxy.pid()).isEqualTo(pid);
    }

    @Test
    void aWholeMapLargerThanOnePayloadIsSwappedInWhole() throws Exception {
        start(List.of(placed("alice", "notes", null, "node1")), null);
        List<ProxyMap.Placed> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(placed("user" + i, "wiki" + i, null, i % 2 == 0 ? "node1" : "node2"));
        }
        List<ProxyMap.Entry> entries = ProxyMap.entries(many, null);
        assertThat(HaproxyRuntime.payloads(entries)).hasSizeGreaterThan(5);
        HaproxyRuntime runtime = new HaproxyRuntime("127.0.0.1:" + runtimePort, Duration.ofSeconds(5));
        runtime.replaceAll(map.toString(), entries);
        assertThat(runtime.show(map.toString())).hasSize(4_000).doesNotContainKey("/alice/notes");
        assertThat(get("proxy.example", "/user1999/wiki1999")).isEqualTo("node2");
        assertThat(get("proxy.example", "/user0/wiki0.git/info/refs")).isEqualTo("node1");
    }

    @Test
    void errorsAreClear() throws Exception {
        start(List.of(placed("alice", "notes", null, "node1")), null);
        HaproxyRuntime runtime = new HaproxyRuntime("127.0.0.1:" + runtimePort, Duration.ofSeconds(5));
        assertThatThrownBy(() -> runtime.set("/no/such.map", "/alice/notes", "node2"))
                .isInstanceOf(HaproxyRuntime.Refused.class).hasMessageContaining("Unknown map identifier");
        assertThatThrownBy(() -> runtime.set(map.toString(), "/alice/notes x", "node2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runtime.set(map.toString(), "/alice/notes", "node2\nclear map " + map))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(get("proxy.example", "/alice/notes")).isEqualTo("node1");
    }

    @Test
    void anUnreachableRuntimeApiFailsClearlyWithinTheTimeout() throws Exception {
        int closed = freePort();
        assertThatThrownBy(() -> new HaproxyRuntime("127.0.0.1:" + closed, Duration.ofSeconds(2))
                .set("/etc/haproxy/wikifarm.map", "/alice/notes", "node1"))
                .isInstanceOf(HaproxyRuntime.Unreachable.class).hasMessageContaining("127.0.0.1:" + closed);
        assertThatThrownBy(() -> new HaproxyRuntime(dir.resolve("none.sock").toString(), Duration.ofSeconds(2))
                .delete("/etc/haproxy/wikifarm.map", "/alice/notes"))
                .isInstanceOf(HaproxyRuntime.Unreachable.class);
        try (ServerSocket silent = new ServerSocket(freePort(), 50, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new HaproxyRuntime("127.0.0.1:" + silent.getLocalPort(),
                    Duration.ofMillis(300)).show("/etc/haproxy/wikifarm.map"))
                    .isInstanceOf(HaproxyRuntime.Unreachable.class).hasMessageContaining("no answer within");
        }
        assertThatThrownBy(() -> new HaproxyRuntime("haproxy", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- the parts ---

    private static ProxyMap.Placed placed(String owner, String slug, String customSlug, String node) {
        return new ProxyMap.Placed(new Username(owner), new Slug(slug),
                customSlug == null ? null : new Slug(customSlug), List.of(), node);
    }

    /** Writes the map, starts HAProxy with the shipped configuration, returns the map as key → node. */
    private Map<String, String> start(List<ProxyMap.Placed> wikis, String baseDomain) throws Exception {
        List<ProxyMap.Entry> entries = ProxyMap.entries(wikis, baseDomain);
        map = dir.resolve("wikifarm.map");
        ProxyMapFile.write(map, entries);
        frontPort = freePort();
        runtimePort = freePort();
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, shippedConfig());
        Path log = dir.resolve("haproxy.log");
        Process check = new ProcessBuilder(HAPROXY.toString(), "-c", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(check.waitFor()).as(Files.readString(log)).isZero();
        haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitListening(frontPort);
        awaitListening(runtimePort);
        Map<String, String> byKey = new HashMap<>();
        entries.forEach(entry -> byKey.put(entry.key(), entry.node()));
        return byKey;
    }

    /** deploy/haproxy/haproxy.cfg with its ports and paths replaced (each must be there: the file is the test). */
    private String shippedConfig() throws IOException {
        String config = Files.readString(CONFIG);
        config = replace(config, "bind :80", "bind 127.0.0.1:" + frontPort);
        config = replace(config, "/run/haproxy/admin.sock", dir.resolve("admin.sock").toString());
        config = replace(config, "127.0.0.1:9999", "127.0.0.1:" + runtimePort);
        config = replace(config, "/etc/haproxy/wikifarm.map", map.toString());
        config = replace(config, "10.0.0.1:8080", "127.0.0.1:" + node1Port);
        config = replace(config, "10.0.0.2:8080", "127.0.0.1:" + node2Port);
        config = replace(config, "log /dev/log local0", "log stderr local0");
        if (!"root".equals(System.getProperty("user.name"))) {
            // Only root may chroot and change user; these lines are the service's hardening, not routing.
            for (String line : List.of("chroot /var/lib/haproxy", "user haproxy", "group haproxy")) {
                config = replace(config, line, "# " + line);
            }
        }
        return config;
    }

    private static String replace(String text, String from, String to) {
        assertThat(text).as("deploy/haproxy/haproxy.cfg has '%s'", from).contains(from);
        return text.replace(from, to);
    }

    /** The backend HAProxy chose, and that it is the one the map (read as ProxyMap.route reads it) names. */
    private void assertRoute(Map<String, String> entries, String host, String path, String node) throws IOException {
        assertThat(ProxyMap.route(entries, host, path.split("\\?")[0])).as("ProxyMap.route %s %s", host, path)
                .contains(node);
        assertThat(get(host, path)).as("HAProxy %s %s", host, path).isEqualTo(node);
    }

    /** The default backend: round robin over both nodes, so four requests reach both. */
    private void assertDefault(Map<String, String> entries, String host, String path) throws IOException {
        assertThat(ProxyMap.route(entries, host, path)).as("ProxyMap.route %s %s", host, path).isEmpty();
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(get(host, path));
        }
        assertThat(nodes).as("HAProxy %s %s", host, path).containsExactlyInAnyOrder("node1", "node2");
    }

    private void assertDefaultLive(String path) throws IOException {
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(get("proxy.example", path));
        }
        assertThat(nodes).as(path).containsExactlyInAnyOrder("node1", "node2");
    }

    /** One HTTP/1.1 request through HAProxy with this Host header; the backend's name from the answer. */
    private String get(String host, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", frontPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nX-Wikifarm-User: admin\r\n"
                    + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("%s %s", host, target).startsWith("HTTP/1.1 200");
            return answer.substring(answer.indexOf("\r\n\r\n") + 4).strip();
        }
    }

    private static int backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", freePort()), 50);
        server.createContext("/", exchange -> {
            // A client's identity header must never reach a node through the shipped configuration.
            boolean smuggled = exchange.getRequestHeaders().containsKey("X-Wikifarm-User");
            byte[] body = (smuggled ? name + " with X-Wikifarm-User" : name).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        BACKENDS.add(server);
        return server.getAddress().getPort();
    }

    /** A free port of this test's range (18600–18699). */
    private static int freePort() throws IOException {
        for (int port = 18_600; port < 18_700; port++) {
            try (ServerSocket probe = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
                if (!RESERVED.contains(port)) {
                    RESERVED.add(port);
                    return port;
                }
            } catch (IOException busy) {
                // taken: try the next
            }
        }
        throw new IOException("No free port in 18600-18699");
    }

    private static final Set<Integer> RESERVED = new HashSet<>();

    private void awaitListening(int port) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!haproxy.isAlive()) {
                fail("HAProxy stopped: " + Files.readString(dir.resolve("haproxy.log")));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("HAProxy does not listen on " + port + ": " + Files.readString(dir.resolve("haproxy.log")));
    }
}
