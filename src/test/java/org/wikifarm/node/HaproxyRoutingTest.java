package org.wikifarm.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;

/**
 * The shipped {@code deploy/haproxy/haproxy.cfg} run by the real HAProxy ({@link RunningHaproxy}): routing by the map
 * Wikifarm writes, in path and host mode, HAProxy's choices equal to {@link ProxyMap#route}'s, and live changes
 * through {@link HaproxyRuntime} and {@link LiveProxyMap}. Skipped when {@code /usr/sbin/haproxy} is missing, unless
 * {@code WIKIFARM_TEST_REQUIRE_HAPROXY=true} (CI), where it fails.
 */
class HaproxyRoutingTest {
    private static final String BASE = "farm.example";

    @TempDir
    Path dir;
    private RunningHaproxy haproxy;

    @BeforeAll
    static void installed() {
        RunningHaproxy.assumeInstalled();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.close();
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
    void eachRequestOfOneKeptAliveConnectionIsRoutedByItsOwnWiki() throws Exception {
        start(List.of(placed("alice", "notes", null, "node1"), placed("bob", "handbook", null, "node2")), null);
        assertThat(haproxy.getOnOneConnection("proxy.example", "/alice/notes", "/bob/handbook/x", "/alice/notes.git",
                "/bob/handbook")).containsExactly("node1", "node2", "node1", "node2");
    }

    @Test
    void hostModeRoutesUserHostsCustomSlugsAndDomainsWithTheirPrefixes() throws Exception {
        Map<String, String> entries = start(List.of(
                new ProxyMap.Placed(new Username("alice"), new Slug("notes"), null, List.of("docs.example.org"),
                        "node1"),
                placed("alice", "notes2", null, "node2"),
                placed("bob", "handbook", "team", "node2")), BASE);
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
        HaproxyRuntime tcp = new HaproxyRuntime(haproxy.runtimeTcp(), Duration.ofSeconds(5));
        HaproxyRuntime unix = new HaproxyRuntime(haproxy.runtimeSocket(), Duration.ofSeconds(5));
        String map = haproxy.map().toString();
        long pid = haproxy.process().pid();
        assertThat(haproxy.get("proxy.example", "/alice/notes")).isEqualTo("node1");

        // Move alice/notes to node2: both of its keys.
        tcp.setAll(map, ProxyMap.entries(placed("alice", "notes", null, "node2"), null));
        assertThat(haproxy.get("proxy.example", "/alice/notes/pages/Home")).isEqualTo("node2");
        assertThat(haproxy.get("proxy.example", "/alice/notes.git/info/refs")).isEqualTo("node2");

        // A new wiki, added live through the unix socket.
        assertThat(haproxy.fourTimes("proxy.example", "/bob/new-wiki")).containsExactlyInAnyOrder("node1", "node2");
        unix.setAll(map, ProxyMap.entries(placed("bob", "new-wiki", null, "node1"), null));
        assertThat(haproxy.fourTimes("proxy.example", "/bob/new-wiki")).containsExactly("node1");
        assertThat(unix.show(map)).containsEntry("/bob/new-wiki", "node1").containsEntry("/alice/notes", "node2");

        // Deleted: back to all nodes.
        assertThat(tcp.delete(map, "/bob/new-wiki")).isTrue();
        assertThat(tcp.delete(map, "/bob/new-wiki")).isFalse();
        assertThat(haproxy.fourTimes("proxy.example", "/bob/new-wiki")).containsExactlyInAnyOrder("node1", "node2");

        // The whole map swapped at once.
        tcp.replaceMap(map, ProxyMap.entries(List.of(placed("alice", "notes", null, "node1"),
                placed("carol", "journal", null, "node2")), null));
        assertThat(tcp.show(map)).containsOnlyKeys("/alice/notes", "/alice/notes.git", "/carol/journal",
                "/carol/journal.git");
        assertThat(haproxy.get("proxy.example", "/alice/notes")).isEqualTo("node1");
        assertThat(haproxy.get("proxy.example", "/carol/journal/x")).isEqualTo("node2");
        assertThat(haproxy.process().isAlive()).isTrue();
        assertThat(haproxy.process().pid()).isEqualTo(pid);
    }

    @Test
    void liveProxyMapFollowsAWikiThatIsCreatedMovedReaddressedAndDeleted() throws Exception {
        start(List.of(placed("alice", "notes", null, "node1")), BASE);
        LiveProxyMap live = new LiveProxyMap(Optional.of(new HaproxyRuntime(haproxy.runtimeSocket(),
                Duration.ofSeconds(5))), haproxy.map().toString(), BASE);
        ProxyMap.Placed created = new ProxyMap.Placed(new Username("bob"), new Slug("handbook"), new Slug("team"),
                List.of("docs.example.org"), "node1");
        live.put(created);
        assertThat(haproxy.fourTimes("team." + BASE, "/")).containsExactly("node1");
        assertThat(haproxy.fourTimes("www.docs.example.org", "/")).containsExactly("node1");

        ProxyMap.Placed moved = new ProxyMap.Placed(created.owner(), created.slug(), new Slug("crew"), List.of(),
                "node2");
        live.change(created, moved);
        assertThat(haproxy.fourTimes("crew." + BASE, "/x")).containsExactly("node2");
        assertThat(haproxy.fourTimes("bob." + BASE, "/handbook")).containsExactly("node2");
        assertThat(haproxy.fourTimes("team." + BASE, "/")).containsExactlyInAnyOrder("node1", "node2");
        assertThat(haproxy.fourTimes("docs.example.org", "/")).containsExactlyInAnyOrder("node1", "node2");

        live.remove(moved);
        assertThat(haproxy.fourTimes("crew." + BASE, "/x")).containsExactlyInAnyOrder("node1", "node2");
        assertThat(haproxy.fourTimes("alice." + BASE, "/notes")).containsExactly("node1");

        LiveProxyMap none = new LiveProxyMap(Optional.empty(), haproxy.map().toString(), BASE);
        none.put(moved);
        assertThat(none.live()).isFalse();
        assertThat(haproxy.fourTimes("crew." + BASE, "/x")).containsExactlyInAnyOrder("node1", "node2");
    }

    @Test
    void healthChecksAskEveryServerForThePlatformsHealthOnTheBaseDomain() throws Exception {
        start(List.of(placed("alice", "notes", null, "node1")), null);
        assertThat(haproxy.checkedServers()).containsOnly(Map.entry("all_nodes/node1", "L7OK"),
                Map.entry("all_nodes/node2", "L7OK"), Map.entry("node1/node1", "L7OK"),
                Map.entry("node2/node2", "L7OK"));
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
        HaproxyRuntime runtime = new HaproxyRuntime(haproxy.runtimeTcp(), Duration.ofSeconds(5));
        runtime.replaceMap(haproxy.map().toString(), entries);
        assertThat(runtime.show(haproxy.map().toString())).hasSize(4_000).doesNotContainKey("/alice/notes");
        assertThat(haproxy.get("proxy.example", "/user1999/wiki1999")).isEqualTo("node2");
        assertThat(haproxy.get("proxy.example", "/user0/wiki0.git/info/refs")).isEqualTo("node1");

        runtime.replaceMap(haproxy.map().toString(), List.of());
        assertThat(runtime.show(haproxy.map().toString())).isEmpty();
        assertThat(haproxy.fourTimes("proxy.example", "/user0/wiki0")).containsExactlyInAnyOrder("node1", "node2");
    }

    @Test
    void errorsAreClearAndChangeNothing() throws Exception {
        start(List.of(placed("alice", "notes", null, "node1")), null);
        HaproxyRuntime runtime = new HaproxyRuntime(haproxy.runtimeTcp(), Duration.ofSeconds(5));
        String map = haproxy.map().toString();
        assertThatThrownBy(() -> runtime.set("/no/such.map", "/alice/notes", "node2"))
                .isInstanceOf(HaproxyRuntime.Refused.class).hasMessageContaining("Unknown map identifier");
        assertThatThrownBy(() -> runtime.replaceMap("/no/such.map", List.of()))
                .isInstanceOf(HaproxyRuntime.Refused.class).hasMessageContaining("prepare map");
        assertThatThrownBy(() -> runtime.set(map, "/alice/notes x", "node2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runtime.set(map, "/alice/notes", "node2\nclear map " + map))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runtime.set(map + " x", "/alice/notes", "node2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(haproxy.get("proxy.example", "/alice/notes")).isEqualTo("node1");
        assertThat(runtime.show(map)).containsOnlyKeys("/alice/notes", "/alice/notes.git");
    }

    @Test
    void anUnreachableRuntimeApiFailsClearlyWithinTheTimeout() throws Exception {
        int closed = RunningHaproxy.freePort();
        assertThatThrownBy(() -> new HaproxyRuntime("127.0.0.1:" + closed, Duration.ofSeconds(2))
                .set("/etc/haproxy/wikifarm.map", "/alice/notes", "node1"))
                .isInstanceOf(HaproxyRuntime.Unreachable.class).hasMessageContaining("127.0.0.1:" + closed);
        assertThatThrownBy(() -> new HaproxyRuntime(dir.resolve("none.sock").toString(), Duration.ofSeconds(2))
                .delete("/etc/haproxy/wikifarm.map", "/alice/notes"))
                .isInstanceOf(HaproxyRuntime.Unreachable.class);
        try (ServerSocket silent = new ServerSocket(RunningHaproxy.freePort(), 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new HaproxyRuntime("127.0.0.1:" + silent.getLocalPort(),
                    Duration.ofMillis(300)).show("/etc/haproxy/wikifarm.map"))
                    .isInstanceOf(HaproxyRuntime.Unreachable.class).hasMessageContaining("no answer within");
        }
        for (String wrong : List.of("haproxy", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:70000", ":9999", "  ")) {
            assertThatThrownBy(() -> new HaproxyRuntime(wrong, Duration.ofSeconds(1))).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    // --- the parts ---

    private static ProxyMap.Placed placed(String owner, String slug, String customSlug, String node) {
        return new ProxyMap.Placed(new Username(owner), new Slug(slug),
                customSlug == null ? null : new Slug(customSlug), List.of(), node);
    }

    /** Writes the map as ProxyMapFile does, starts HAProxy, returns the map as key → node. */
    private Map<String, String> start(List<ProxyMap.Placed> wikis, String baseDomain) throws Exception {
        List<ProxyMap.Entry> entries = ProxyMap.entries(wikis, baseDomain);
        haproxy = RunningHaproxy.start(dir, ProxyMap.text(entries));
        Map<String, String> byKey = new HashMap<>();
        entries.forEach(entry -> byKey.put(entry.key(), entry.node()));
        return byKey;
    }

    /** The backend HAProxy chose, and that it is the one the map (read as ProxyMap.route reads it) names. */
    private void assertRoute(Map<String, String> entries, String host, String path, String node) throws Exception {
        int query = path.indexOf('?');
        assertThat(ProxyMap.route(entries, host, query < 0 ? path : path.substring(0, query)))
                .as("ProxyMap.route %s %s", host, path).contains(node);
        assertThat(haproxy.get(host, path)).as("HAProxy %s %s", host, path).isEqualTo(node);
    }

    /** The default backend: round robin over both nodes, so four requests reach both. */
    private void assertDefault(Map<String, String> entries, String host, String path) throws Exception {
        assertThat(ProxyMap.route(entries, host, path)).as("ProxyMap.route %s %s", host, path).isEmpty();
        assertThat(haproxy.fourTimes(host, path)).as("HAProxy %s %s", host, path)
                .containsExactlyInAnyOrder("node1", "node2");
    }
}
