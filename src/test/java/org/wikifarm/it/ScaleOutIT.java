package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wikifarm.it.HostBrowser.Answer;
import org.wikifarm.it.web.Browser;

/**
 * Several nodes with real parts (docs/scale-out.md): a PostgreSQL platform database (Debian's package, started by
 * {@code .ci/run}; {@code WIKIFARM_TEST_POSTGRES}), two Tomcats with the WAR ({@link OwnTomcat}: two ports, two data
 * folders) and the shipped {@code deploy/haproxy/haproxy.cfg} run by Debian's HAProxy in front. Users and wikis are
 * created through HAProxy, each wiki's files exist on exactly one node, reads and writes go through HAProxy to that
 * node, a wiki moves to the other node while a client keeps reading and writing (no failed read, no acknowledged write
 * lost), is searched there, and stopping one node takes away only its wikis ({@link TwoNodeFarm}). Skipped without
 * PostgreSQL or HAProxy, failed in CI where both are required.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {
    private static final String HOST = "localhost";
        private static final Map<String, String> PASSWORDS = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
            "alice", "alice-password-long", "bob", "bob-password-long"));
    private static String bobsWiki;

    private static TwoNodeFarm farm;
    private static final List<String> NODES = List.of("node1", "node2");
    /** Alice's wikis: slug → id, and slug → the node that holds it. */
    private static final Map<String, String> IDS = new LinkedHashMap<>();
    private static final Map<String, String> HOLDER = new LinkedHashMap<>();

    @BeforeAll
    static void startFarm() throws Exception {
        // Answers remembered for the longest time allowed: what another node changes must reach here by its notice.
        farm = TwoNodeFarm.start("scale-out-it", Map.of("placement", "hash", "embeddingModel", "off",
                "authCacheSeconds", "300"));
    }

    @AfterAll
    static void stopFarm() throws Exception {
        if (farm != null) {
            farm.close();
        }
    }

    @Test
    @Order(1)
    void usersAndWikisAreCreatedThroughTheProxyAndEachLivesOnExactlyOneNode() {
        api("POST", "/api/v1/users", null, "{\"username\":\"alice\",\"password\":\"" + PASSWORDS.get("alice") + "\"}",
                201);
        api("POST", "/api/v1/users", null, "{\"username\":\"bob\",\"password\":\"" + PASSWORDS.get("bob") + "\"}",
                201);
        for (int i = 1; i <= 16 && (IDS.size() < 4 || !HOLDER.values().containsAll(NODES)); i++) {
            JsonNode wiki = api("POST", "/api/v1/wikis", "alice", "{\"slug\":\"wiki" + i + "\"}", 201);
            String id = wiki.path("id").asText();
            IDS.put("wiki" + i, id);
            HOLDER.put("wiki" + i, holderOnDisk(id));
        }
        assertThat(HOLDER.values()).as("placement by hash spreads wikis over both nodes")
                .containsAll(NODES);
        bobsWiki = api("POST", "/api/v1/wikis", "bob", "{\"slug\":\"diary\"}", 201).path("id").asText();
        holderOnDisk(bobsWiki);

        JsonNode nodes = api("GET", "/api/v1/admin/nodes", "alice", null, 200).path("nodes");
        assertThat(nodes).hasSize(2);
        int held = 0;
        for (JsonNode node : nodes) {
            assertThat(node.path("live").asBoolean()).as("%s", node).isTrue();
            held += node.path("wikis").asInt();
        }
        assertThat(held).isEqualTo(IDS.size() + 1);
        assertThat(api("GET", "/api/v1/admin/nodes", "bob", null, 403).path("error").asText()).isNotBlank();
    }

    @Test
    @Order(2)
    void readsAndWritesGoThroughTheProxyToTheNodeThatHoldsTheWiki() {
        for (Map.Entry<String, String> wiki : HOLDER.entrySet()) {
            String slug = wiki.getKey();
            writePage(slug, "Garden", "# Garden\n\nIn " + slug + " the " + slug + "zucchini grow.");
            Answer page = proxied().send("GET", HOST, "/alice/" + slug + "/Garden", null, null, signedIn("alice"));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.body()).contains(slug + "zucchini");

            Answer holder = direct(wiki.getValue()).send("GET", HOST, "/alice/" + slug + "/api/v1/pages/Garden",
                    null, null, basic("alice"));
            assertThat(holder.status()).as("%s", holder).isEqualTo(200);
            Answer other = direct(otherNode(wiki.getValue())).send("GET", HOST,
                    "/alice/" + slug + "/api/v1/pages/Garden", null, null, basic("alice"));
            assertThat(other.status()).as("a node never answers for another's wiki: %s", other).isEqualTo(503);
            assertThat(other.body()).contains("served by node " + wiki.getValue());
            assertThat(other.header("Retry-After")).isNotNull();
        }
    }

    @Test
    @Order(3)
    void nodesAnswerEachOtherOnlyWithTheSecretAndATokenNeverCrossesWikis() {
        assertThat(proxied().send("POST", HOST, "/-node/changed", null, null, Map.of()).status())
                .as("never through the proxy").isEqualTo(404);
        for (String node : NODES) {
            assertThat(direct(node).send("POST", HOST, "/-node/changed", null, null, Map.of()).status()).isEqualTo(404);
            assertThat(direct(node).send("POST", HOST, "/-node/changed", null, null,
                    Map.of("X-Wikifarm-Node-Secret", TwoNodeFarm.SECRET + "x")).status()).isEqualTo(404);
            Answer known = direct(node).send("POST", HOST, "/-node/changed", null, null,
                    Map.of("X-Wikifarm-Node-Secret", TwoNodeFarm.SECRET));
            assertThat(known.status()).as("%s", known).isEqualTo(200);
        }
        String bobToken = api("POST", "/bob/diary/api/v1/tokens", "bob", "{\"name\":\"b\",\"role\":\"editor\"}", 201)
                .path("secret").asText();
        Answer own = proxied().send("GET", HOST, "/bob/diary/api/v1/pages", null, null, bearer(bobToken));
        assertThat(own.status()).as("%s", own).isEqualTo(200);
        for (String slug : HOLDER.keySet()) {
            Answer foreign = proxied().send("GET", HOST, "/alice/" + slug + "/api/v1/pages/Garden", null, null,
                    bearer(bobToken));
            assertThat(foreign.status()).as("%s", foreign).isIn(401, 403, 404);
            assertThat(foreign.body()).doesNotContain("zucchini");
        }
    }

    /** A browser signs in once (on whichever node HAProxy keeps it to) and reads private wikis on both nodes. */
    @Test
    @Order(4)
    void oneSignInReachesTheWikisOfEveryNodeAndOneSignOutEndsItEverywhere() {
        HostBrowser tab = proxied();
        tab.get(HOST, "/login");
        Answer signedIn = tab.submit(HOST, "/login", Map.of("username", "alice", "password", PASSWORDS.get("alice")));
        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(303);
        Map<String, String> onEachNode = new LinkedHashMap<>();
        HOLDER.forEach((slug, node) -> onEachNode.putIfAbsent(node, slug));
        assertThat(onEachNode).containsOnlyKeys(NODES);
        for (String slug : onEachNode.values()) {
            Answer page = tab.get(HOST, "/alice/" + slug + "/Garden");
            assertThat(page.status()).as("signed in on the wiki's node too: %s", page).isEqualTo(200);
            assertThat(page.body()).contains(slug + "zucchini");
        }
        for (int i = 0; i < 4; i++) {
            Answer account = tab.get(HOST, "/account");
            assertThat(account.status()).as("the platform's pages keep to one node: %s", account).isEqualTo(200);
        }
        Answer out = tab.submit(HOST, "/logout", Map.of());
        assertThat(out.status()).as("%s", out).isEqualTo(303);
        for (String slug : onEachNode.values()) {
            Answer page = tab.get(HOST, "/alice/" + slug + "/Garden");
            assertThat(page.status()).as("signed out on every node: %s", page).isEqualTo(303);
            assertThat(page.location()).contains("/login");
        }
    }

    @Test
    @Order(5)
    void aChangeMadeOnOneNodeIsSeenOnTheOtherWellWithinTheCacheBound() {
        String holder = holderOnDisk(bobsWiki);
        Answer before = proxied().send("GET", HOST, "/bob/diary/api/v1/pages", null, null, basic("bob"));
        assertThat(before.status()).as("the holder now remembers bob's password: %s", before).isEqualTo(200);

        HostBrowser elsewhere = direct(otherNode(holder));
        elsewhere.get(HOST, "/login");
        assertThat(elsewhere.submit(HOST, "/login", Map.of("username", "bob", "password", PASSWORDS.get("bob")))
                .status()).isEqualTo(303);
        elsewhere.get(HOST, "/account");
        Answer changed = elsewhere.submit(HOST, "/account", Map.of("current_password", PASSWORDS.get("bob"),
                "new_password", "bob-new-password-long"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(303);
        String old = PASSWORDS.put("bob", "bob-new-password-long");

        // authCacheSeconds is 300 here: only the other node's notice can make the holder forget so soon.
        Answer stale = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            stale = proxied().send("GET", HOST, "/bob/diary/api/v1/pages", null, null,
                    Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(("bob:" + old)
                            .getBytes(StandardCharsets.UTF_8)), "Accept", "application/json"));
            if (stale.status() == 401) {
                break;
            }
            sleep(500);
        }
        assertThat(stale.status()).as("the old password is refused by the holder: %s", stale).isEqualTo(401);
        assertThat(proxied().send("GET", HOST, "/bob/diary/api/v1/pages", null, null, basic("bob")).status())
                .isEqualTo(200);
    }

    @Test
    @Order(6)
    void aWikiMovesToTheOtherNodeWhileAClientKeepsReadingAndWriting() throws Exception {
        String slug = HOLDER.keySet().iterator().next();
        String id = IDS.get(slug);
        String from = HOLDER.get(slug);
        String to = otherNode(from);
        for (int i = 0; i < 30; i++) {
            writePage(slug, "Page" + i, "# Page " + i + "\n\nBefore the move, page " + i + ".");
        }
        writePage(slug, "Counter", "n=0");

        AtomicBoolean stop = new AtomicBoolean();
        List<String> failedReads = Collections.synchronizedList(new ArrayList<>());
        List<String> failedWrites = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger refusedWrites = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            HostBrowser tab = proxied();
            for (int i = 0; !stop.get(); i++) {
                Answer read = tab.send("GET", HOST, "/alice/" + slug + "/api/v1/pages/Page" + (i % 30), null, null,
                        basic("alice"));
                reads.incrementAndGet();
                if (read.status() != 200 || !read.body().contains("page " + (i % 30))) {
                    failedReads.add(read.status() + " " + read.body());
                }
            }
        });
        String[] revision = {api("GET", "/alice/" + slug + "/api/v1/pages/Counter", "alice", null, 200)
                .path("revision").asText()};
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            HostBrowser tab = proxied();
            for (int n = 1; !stop.get(); ) {
                Answer write = tab.send("PUT", HOST, "/alice/" + slug + "/api/v1/pages/Counter", "application/json",
                        "{\"content\":\"n=" + n + "\",\"revision\":\"" + revision[0] + "\"}", basic("alice"));
                if (write.status() == 200) {
                    revision[0] = json(write).path("revision").asText();
                    acknowledged.set(n);
                    n++;
                } else if (write.status() == 503 && write.body().contains("wiki_moving")) {
                    refusedWrites.incrementAndGet();
                    sleep(50);
                } else {
                    failedWrites.add(write.status() + " " + write.body());
                    sleep(50);
                }
            }
        });
        sleep(1_000);
        JsonNode moved = api("POST", "/api/v1/admin/nodes/moves", "alice",
                "{\"wiki\":\"alice/" + slug + "\",\"to\":\"" + to + "\"}", 200);
        assertThat(moved.path("from").asText()).isEqualTo(from);
        assertThat(moved.path("to").asText()).isEqualTo(to);
        assertThat(moved.path("read_only_millis").asLong()).isPositive();
        int acknowledgedAtMove = acknowledged.get();
        sleep(3_000);
        stop.set(true);
        reader.get(1, TimeUnit.MINUTES);
        writer.get(1, TimeUnit.MINUTES);

        assertThat(failedReads).as("no read failed (%d reads)", reads.get()).isEmpty();
        assertThat(failedWrites).as("a write is acknowledged or refused as 'being moved', nothing else").isEmpty();
        assertThat(acknowledged.get()).as("writes go on on the new node").isGreaterThan(acknowledgedAtMove);
        JsonNode counter = api("GET", "/alice/" + slug + "/api/v1/pages/Counter", "alice", null, 200);
        assertThat(counter.path("content").asText()).as("the last acknowledged write is there")
                .isEqualTo("n=" + acknowledged.get());

        assertThat(holderOnDisk(id, to)).isEqualTo(to);
        HOLDER.put(slug, to);
        Answer old = direct(from).send("GET", HOST, "/alice/" + slug + "/api/v1/pages/Page1", null, null,
                basic("alice"));
        assertThat(old.status()).as("the old copy is kept for the grace period but never read: %s", old)
                .isEqualTo(503);
        assertThat(dataDir(from).resolve("wikis").resolve(id)).as("kept for moveGraceSeconds").isDirectory();
        JsonNode found = awaitSearch(slug, slug + "zucchini");
        assertThat(found.toString()).contains("Garden");
        JsonNode refused = api("POST", "/api/v1/admin/nodes/moves", "alice",
                "{\"wiki\":\"alice/" + slug + "\",\"to\":\"" + to + "\"}", 409);
        assertThat(refused.path("error").asText()).isEqualTo("already_there");
        assertThat(api("POST", "/api/v1/admin/nodes/moves", "alice",
                "{\"wiki\":\"alice/" + slug + "\",\"to\":\"node9\"}", 400).path("error").asText())
                .isEqualTo("unknown_node");
        assertThat(api("POST", "/api/v1/admin/nodes/moves", "bob",
                "{\"wiki\":\"alice/" + slug + "\",\"to\":\"" + from + "\"}", 403)).isNotNull();
    }

    /** Chromium through HAProxy: the admin area's Nodes screen lists both nodes and moves a wiki from its form. */
    @Test
    @Order(7)
    void theAdminAreaListsTheNodesAndMovesAWikiFromItsForm() {
        String slug = HOLDER.keySet().iterator().next();
        String to = otherNode(HOLDER.get(slug));
        String url = "http://localhost:" + farm.proxyPort();
        try (Browser browser = Browser.start()) {
            browser.driver().get(url + "/login");
            browser.waitUntilLoaded();
            browser.fill("#username", "alice");
            browser.fill("#password", PASSWORDS.get("alice"));
            browser.clickAndWait(browser.find("#login-submit"));
            browser.driver().get(url + "/admin/nodes");
            browser.waitUntilLoaded();
            assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector("#nodes tr.node")))
                    .hasSize(2);
            browser.saveEvidenceLightDarkPhone("admin-nodes");

            browser.fill("#move-wiki", "alice/" + slug);
            new org.openqa.selenium.support.ui.Select(browser.find("#move-to")).selectByValue(to);
            browser.clickAndWait(browser.find("#move-submit"));
            assertThat(browser.find("#admin-done").getText()).contains("Moved alice/" + slug + " to " + to);
            HOLDER.put(slug, to);

            browser.fill("#move-wiki", "alice/" + slug);
            new org.openqa.selenium.support.ui.Select(browser.find("#move-to")).selectByValue(to);
            browser.clickAndWait(browser.find("#move-submit"));
            assertThat(browser.find("#form-problem").getText()).contains("already on node " + to);
            assertThat(browser.find("#move-wiki").getAttribute("value")).as("what was typed stays")
                    .isEqualTo("alice/" + slug);
        }
        assertThat(api("GET", "/alice/" + slug + "/api/v1/pages/Counter", "alice", null, 200).path("content")
                .asText()).startsWith("n=");
    }

    @Test
    @Order(8)
    void theCommandLineToolListsTheNodesAndMovesAWikiBack() throws Exception {
        String slug = HOLDER.keySet().iterator().next();
        String from = HOLDER.get(slug);
        String back = otherNode(from);
        String url = "http://127.0.0.1:" + farm.proxyPort();
        Cli listed = cli("nodes", "--url", url, "--user", "alice", "--json");
        assertThat(listed.exit()).as("%s", listed).isZero();
        assertThat(listed.out()).contains("\"node1\"").contains("\"node2\"");

        Cli moved = cli("move", "alice/" + slug, "--to", back, "--url", url, "--user", "alice");
        assertThat(moved.exit()).as("%s", moved).isZero();
        assertThat(moved.out()).contains("to " + back).contains("read-only for");
        HOLDER.put(slug, back);
        assertThat(dataDir(back).resolve("wikis").resolve(IDS.get(slug))).as("the old copy made way")
                .isDirectory();
        assertThat(dataDir(back).resolve("instance/moved").resolve(IDS.get(slug))).doesNotExist();
        JsonNode page = api("GET", "/alice/" + slug + "/api/v1/pages/Counter", "alice", null, 200);
        assertThat(page.path("content").asText()).startsWith("n=");

        Cli again = cli("move", "alice/" + slug, "--to", back, "--url", url, "--user", "alice");
        assertThat(again.exit()).as("%s", again).isEqualTo(7);
        assertThat(again.err()).contains("already on node " + back);
    }

    private record Cli(int exit, String out, String err) {
    }

    /** {@code bin/wikifarm} as a sysadmin runs it, with alice's password in its environment. */
    private static Cli cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(OwnTomcat.BUILD.getParent().resolve("bin/wikifarm")
                .toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("WIKIFARM_PASSWORD", PASSWORDS.get("alice"));
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Cli(process.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    @Test
    @Order(9)
    void stoppingANodeTakesAwayOnlyItsWikis() throws Exception {
        String stopped = "node1";
        farm.node(stopped).kill();
        for (Map.Entry<String, String> wiki : HOLDER.entrySet()) {
            Answer page = proxied().send("GET", HOST, "/alice/" + wiki.getKey() + "/Garden", null, null,
                    signedIn("alice"));
            if (wiki.getValue().equals(stopped)) {
                assertThat(page.status()).as("%s", page).isEqualTo(503);
            } else {
                assertThat(page.status()).as("%s", page).isEqualTo(200);
                assertThat(page.body()).contains(wiki.getKey() + "zucchini");
            }
        }
        // Platform routes go to any live node once HAProxy's checks see the stopped one down.
        Answer health = null;
        for (int attempt = 0; attempt < 120; attempt++) {
            boolean allUp = true;
            for (int i = 0; i < 4; i++) {
                health = proxied().send("GET", HOST, "/api/v1/health", null, null,
                        Map.of("Accept", "application/json"));
                allUp &= health.status() == 200;
            }
            if (allUp) {
                return;
            }
            sleep(250);
        }
        throw new AssertionError("the platform is not answered by the remaining node: " + health);
    }

    /** The node whose data folder holds the wiki's files; fails unless exactly one does. */
    private static String holderOnDisk(String id) {
        List<String> holders = new ArrayList<>();
        for (String node : NODES) {
            if (Files.isDirectory(dataDir(node).resolve("wikis").resolve(id))) {
                holders.add(node);
            }
        }
        assertThat(holders).as("the files of wiki %s", id).hasSize(1);
        return holders.get(0);
    }

    /** After a move: the node that holds the wiki, the other keeping only its marked old copy. */
    private static String holderOnDisk(String id, String expected) {
        assertThat(dataDir(expected).resolve("wikis").resolve(id)).isDirectory();
        assertThat(dataDir(otherNode(expected)).resolve("instance/moved").resolve(id)).isRegularFile();
        return expected;
    }

    private static Path dataDir(String node) {
        return farm.dataDir(node);
    }

    private static String otherNode(String node) {
        return node.equals("node1") ? "node2" : "node1";
    }

    private static HostBrowser proxied() {
        return new HostBrowser(farm.proxyPort());
    }

    private static HostBrowser direct(String node) {
        return new HostBrowser(farm.node(node).port());
    }

    private static void writePage(String slug, String path, String content) {
        String body = "{\"content\":" + quoted(content) + "}";
        Answer answer = proxied().send("PUT", HOST, "/alice/" + slug + "/api/v1/pages/" + path, "application/json",
                body, basic("alice"));
        assertThat(answer.status()).as("%s", answer).isIn(200, 201);
    }

    private static JsonNode awaitSearch(String slug, String query) {
        JsonNode last = null;
        for (int attempt = 0; attempt < 240; attempt++) {
            last = api("GET", "/alice/" + slug + "/api/v1/search?q=" + query + "&mode=text", "alice", null, 200);
            if (last.path("hits").size() > 0) {
                return last;
            }
            sleep(500);
        }
        throw new AssertionError("search for " + query + " found nothing: " + last);
    }

    private static JsonNode api(String method, String path, String user, String body, int status) {
        Map<String, String> headers = user == null ? Map.of("Accept", "application/json") : basic(user);
        Answer answer = proxied().send(method, HOST, path, body == null ? null : "application/json", body, headers);
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        try {
            return answer.body().isBlank() ? null : ApiClient.JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    private static Map<String, String> basic(String user) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":"
                + PASSWORDS.get(user)).getBytes(StandardCharsets.UTF_8)), "Accept", "application/json");
    }

    /** A browser's page request, signed in with HTTP Basic. */
    private static Map<String, String> signedIn(String user) {
        return Map.of("Authorization", basic(user).get("Authorization"), "Accept", "text/html");
    }

    private static JsonNode json(Answer answer) {
        try {
            return ApiClient.JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
    }

    private static String quoted(String text) {
        try {
            return ApiClient.JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
