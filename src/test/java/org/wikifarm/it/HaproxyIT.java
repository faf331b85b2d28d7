package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wikifarm.node.HaproxyRuntime;
import org.wikifarm.node.LiveProxyMap;
import org.wikifarm.node.ProxyMap;
import org.wikifarm.node.RunningHaproxy;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;

/**
 * The shipped {@code deploy/haproxy/haproxy.cfg} (ports and paths substituted) in front of the built WAR in a real
 * Tomcat, in host mode with {@code baseDomain=farm.example} — the configuration's own health-check Host. Both of its
 * nodes are this one Tomcat, so HAProxy's own counters tell which backend a request took: the platform through
 * {@code all_nodes}, a wiki through its node's backend once the map names it, live.
 */
class HaproxyIT {
    private static final String BASE = "farm.example";
    private static final String PASSWORD = "alice-password-long";

    @Test
    void theShippedConfigurationChecksRoutesAndMovesAWikiOfTheRealWar() throws Exception {
        RunningHaproxy.assumeInstalled();
        Path root = OwnTomcat.BUILD.resolve("haproxy-it-" + System.nanoTime());
        try (OwnTomcat tomcat = new OwnTomcat(root.resolve("tomcat"), root.resolve("data"), Map.of("baseDomain", BASE))) {
            tomcat.start();
            try (RunningHaproxy haproxy = RunningHaproxy.inFrontOf(root.resolve("haproxy"), "# none yet\n",
                    tomcat.port(), tomcat.port())) {
                assertThat(haproxy.checkedServers().values()).as("the WAR's /api/v1/health on the base domain")
                        .hasSize(4).containsOnly("L7OK");
                HostBrowser proxy = new HostBrowser(haproxy.port());

                send(proxy, "POST", BASE, "/api/v1/users", false,
                        "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}", 201);
                send(proxy, "POST", BASE, "/api/v1/wikis", true, "{\"slug\":\"notes\",\"is_public\":false}", 201);
                Map<String, Long> before = haproxy.backendRequests();
                assertThat(before.get("all_nodes")).isEqualTo(2);
                assertThat(before.get("node1") + before.get("node2")).isZero();

                String home = "/notes/api/v1/pages/Home";
                send(proxy, "GET", "alice." + BASE, home, true, null, 200);
                assertThat(haproxy.backendRequests()).containsEntry("all_nodes", 3L).containsEntry("node1", 0L);

                LiveProxyMap live = new LiveProxyMap(Optional.of(new HaproxyRuntime(haproxy.runtimeSocket(),
                        Duration.ofSeconds(5))), haproxy.map().toString(), BASE);
                ProxyMap.Placed onNode1 = new ProxyMap.Placed(new Username("alice"), new Slug("notes"), null,
                        List.of(), "node1");
                live.put(onNode1);
                send(proxy, "GET", "www.alice." + BASE, home, true, null, 200); // HostBrowser adds the port
                send(proxy, "GET", "Alice." + BASE, home, true, null, 200);
                assertThat(haproxy.backendRequests()).containsEntry("all_nodes", 3L).containsEntry("node1", 2L)
                        .containsEntry("node2", 0L);

                ProxyMap.Placed onNode2 = new ProxyMap.Placed(onNode1.owner(), onNode1.slug(), null, List.of(),
                        "node2");
                live.change(onNode1, onNode2);
                send(proxy, "GET", "alice." + BASE, home, true, null, 200);
                send(proxy, "GET", BASE, "/api/v1/health", false, null, 200);
                assertThat(haproxy.backendRequests()).containsEntry("all_nodes", 4L).containsEntry("node1", 2L)
                        .containsEntry("node2", 1L);
            }
        }
    }

    private static void send(HostBrowser proxy, String method, String host, String path, boolean asAlice, String json,
                             int status) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (asAlice) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(("alice:" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        HostBrowser.Answer answer = proxy.send(method, host, path, json == null ? null : "application/json", json,
                headers);
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    }
}
