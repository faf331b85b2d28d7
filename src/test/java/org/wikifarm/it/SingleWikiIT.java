package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wikifarm.it.HostBrowser.Answer;
import org.wikifarm.it.mcp.NodeClients;
import org.wikifarm.it.web.Browser;

/**
 * Single-wiki mode ({@code mode=single}) on Tomcats of this test's own (the Tomcat Cargo unpacked, started as plain
 * processes by {@link OwnTomcat}; no second Cargo container): from an empty data folder, the platform's home until the
 * wiki is created, then the wiki at {@code /} with pages, its screens, its API under {@code /api/v1}, MCP at
 * {@code /mcp}, {@code git clone http://host/.git}, attachments, and the platform's own routes (sign-in, account,
 * admin area) beside it; a page named like one of those routes by its alias {@code -/page/<path>}. Then the same
 * data folder in farm mode and back: nothing moves, nothing is lost; and a data folder with two wikis is refused
 * until {@code singleWiki} names one, whose neighbour stays out of reach.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleWikiIT {
    private static final String HOST = "localhost";
    private static final String ALICE_PASSWORD = "alice-password-long";
    private static final String BOB_PASSWORD = "bob-password-long";

    private static Path root;
    private static Path data;
    private static OwnTomcat server;
    private static HostBrowser alice;
    private static String token;

    @BeforeAll
    static void startSingle() throws Exception {
        root = OwnTomcat.BUILD.resolve("single-wiki-it-" + System.nanoTime());
        data = root.resolve("data");
        server = start("single-1", Map.of("mode", "single"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static OwnTomcat start(String name, Map<String, String> settings) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("embeddingModel", "off");
        OwnTomcat tomcat = new OwnTomcat(root.resolve(name), data, all);
        tomcat.start();
        return tomcat;
    }

    /** Stops the running server (SIGKILL: every acknowledged write is durable) and starts another on the data. */
    private static void restart(String name, Map<String, String> settings) throws Exception {
        server.close();
        server = start(name, settings);
    }

    @Test
    @Order(1)
    void beforeTheWikiExistsTheRootIsThePlatformsHomeAndTheWikiIsCreatedThere() {
        HostBrowser visitor = browser();
        Answer home = visitor.get(HOST, "/");
        assertThat(home.status()).as("%s", home).isEqualTo(200);
        assertThat(home.body()).contains("href=\"/signup");

        api("POST", "/api/v1/users", null, "{\"username\":\"alice\",\"password\":\"" + ALICE_PASSWORD + "\"}", 201);
        alice = browser();
        alice.get(HOST, "/login");
        Answer signedIn = alice.submit(HOST, "/login", Map.of("username", "alice", "password", ALICE_PASSWORD));
        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(303);
        alice.get(HOST, "/");
        Answer created = alice.submit(HOST, "/wikis", Map.of("slug", "notes", "display_name", "Alice's notes"));
        assertThat(created.status()).as("%s", created).isEqualTo(303);
        assertThat(created.location()).isEqualTo("/");

        Answer wiki = alice.get(HOST, "/");
        assertThat(wiki.status()).as("%s", wiki).isEqualTo(200);
        assertThat(wiki.body()).contains("id=\"wiki-home\"").contains("Alice&#039;s notes");
    }

    @Test
    @Order(2)
    void aSecondWikiIsRefusedOnTheApiAndTheWeb() {
        JsonNode refused = api("POST", "/api/v1/wikis", "alice", "{\"slug\":\"other\"}", 409);
        assertThat(refused.path("error").asText()).isEqualTo("single_wiki_mode");
        assertThat(refused.path("message").asText()).contains("mode=single");

        Answer web = alice.submit(HOST, "/wikis", Map.of("slug", "other"));
        assertThat(web.status()).as("%s", web).isEqualTo(409);
        assertThat(web.body()).contains("mode=single");
        assertThat(api("GET", "/api/v1/wikis", "alice", null, 200).toString()).doesNotContain("\"other\"");
    }

    @Test
    @Order(3)
    void pagesTheirScreensSearchAndTheWikisApiAreAtTheRoot() {
        write("Garden", "# Garden\n\nTomatoes need sunflower companions.");
        Answer page = alice.get(HOST, "/Garden");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("sunflower companions").contains("href=\"/-/edit/Garden\"");
        // One wiki: no "select another wiki" in the header.
        assertThat(page.body()).contains("id=\"wiki-home\"").doesNotContain("id=\"wiki-switch\"");
        assertThat(alice.get(HOST, "/-/history/Garden").status()).isEqualTo(200);

        JsonNode list = api("GET", "/api/v1/pages", "alice", null, 200);
        assertThat(list.toString()).contains("Garden").contains("Home");
        JsonNode description = api("GET", "/api/v1/openapi.json", null, null, 200);
        assertThat(description.path("info").path("title").asText()).isEqualTo("Wikifarm wiki API");
        assertThat(api("GET", "/api/v1/me", "alice", null, 200).toString()).contains("alice");
        assertThat(api("GET", "/api/v1/health", null, null, 200)).isNotNull();

        JsonNode found = awaitSearch("sunflower");
        assertThat(found.toString()).contains("Garden");
        Answer screen = alice.get(HOST, "/-/search?q=sunflower");
        assertThat(screen.status()).as("%s", screen).isEqualTo(200);
        assertThat(screen.body()).contains("href=\"/Garden\"");
    }

    @Test
    @Order(4)
    void thePlatformsOwnRoutesStayBesideTheWiki() {
        Answer admin = alice.get(HOST, "/admin");
        assertThat(admin.status()).as("%s", admin).isEqualTo(200);
        assertThat(admin.body()).contains("href=\"/admin/open-wikis\"");
        assertThat(alice.get(HOST, "/account").status()).isEqualTo(200);
        assertThat(alice.get(HOST, "/static/wikifarm.css").status()).isEqualTo(200);
        Answer select = alice.get(HOST, "/select");
        assertThat(select.status()).as("%s", select).isEqualTo(303);
        assertThat(select.location()).isEqualTo("/");
        // A visitor of a private wiki is sent to the platform's sign-in, and back to the page.
        Answer visitor = browser().get(HOST, "/Garden");
        assertThat(visitor.status()).as("%s", visitor).isEqualTo(303);
        assertThat(visitor.location()).contains("/login?next=").contains("%2FGarden");
    }

    @Test
    @Order(5)
    void aPageNamedLikeAPlatformRouteIsReachedByItsAliasAndLinkedThatWay() {
        write("admin/Notes", "# Admin notes\n\nThe boiler is serviced in May.");
        write("login", "# Login\n\nHow we sign in.");
        String home = api("GET", "/api/v1/pages/Home", "alice", null, 200).path("revision").asText();
        api("PUT", "/api/v1/pages/Home", "alice", json(Map.of("content",
                "# Home\n\nSee [[admin/Notes]], [[login]] and [[Garden]].", "revision", home)), 200);

        Answer view = alice.get(HOST, "/Home");
        assertThat(view.body()).contains("href=\"/-/page/admin/Notes\"").contains("href=\"/-/page/login\"")
                .contains("href=\"/Garden\"").doesNotContain("href=\"/admin/Notes\"");
        Answer aliased = alice.get(HOST, "/-/page/admin/Notes");
        assertThat(aliased.status()).as("%s", aliased).isEqualTo(200);
        assertThat(aliased.body()).contains("The boiler is serviced in May.");
        // The plain address is the platform's: the admin area's, never the page.
        assertThat(alice.get(HOST, "/admin/Notes").body()).doesNotContain("The boiler is serviced");
        assertThat(alice.get(HOST, "/login").body()).doesNotContain("How we sign in.");
        // The API names pages by path, whatever they are called.
        assertThat(api("GET", "/api/v1/pages/admin/Notes", "alice", null, 200).path("content").asText())
                .contains("boiler");
    }

    /** Chromium signs in at /login, reads the wiki at /, and follows a link to a page named like a platform route. */
    @Test
    @Order(6)
    void aBrowserReadsTheWikiAtTheRootAndFollowsAnAliasedLink() {
        try (Browser browser = Browser.start()) {
            browser.driver().get(server.baseUrl() + "/login");
            browser.waitUntilLoaded();
            browser.fill("#username", "alice");
            browser.fill("#password", ALICE_PASSWORD);
            browser.clickAndWait(browser.find("#login-submit"));
            browser.driver().get(server.baseUrl() + "/Home");
            browser.waitUntilLoaded();
            assertThat(browser.path()).isEqualTo("/Home");
            assertThat(browser.find("#wiki-home").getAttribute("href")).endsWith(":" + server.port() + "/");
            browser.saveEvidenceLightDarkPhone("single-wiki");

            browser.clickAndWait(browser.find("#page-content a.wikilink[href$='/-/page/admin/Notes']"));
            assertThat(browser.path()).isEqualTo("/-/page/admin/Notes");
            assertThat(browser.status()).isEqualTo(200);
            assertThat(browser.driver().getPageSource()).contains("The boiler is serviced in May.");
        }
    }

    @Test
    @Order(7)
    void attachmentsAreFilesOfTheirPageAtTheRoot() {
        String content = Base64.getEncoder().encodeToString("rows of tomatoes".getBytes(StandardCharsets.UTF_8));
        api("POST", "/api/v1/pages/Garden/attachments", "alice", "{\"files\":[{\"name\":\"plan.txt\","
                + "\"content_base64\":\"" + content + "\"}]}", 201);
        Answer file = alice.get(HOST, "/-/file/Garden/plan.txt");
        assertThat(file.status()).as("%s", file).isEqualTo(200);
        assertThat(file.body()).isEqualTo("rows of tomatoes");
        assertThat(alice.get(HOST, "/-/attachments/Garden").body()).contains("plan.txt");
    }

    @Test
    @Order(8)
    void mcpIsAtSlashMcpWithAWikiToken() throws Exception {
        token = api("POST", "/api/v1/tokens", "alice", "{\"name\":\"agent\",\"role\":\"editor\"}", 201)
                .path("secret").asText();
        assertThat(token).isNotBlank();
        NodeClients.require("@modelcontextprotocol/inspector");

        JsonNode written = inspector("--method", "tools/call", "--tool-name", "write_note",
                "--tool-arg", "path=agent/tea", "--tool-arg", "content=# Tea\n\nSteep at 80 degrees.");
        assertThat(written.path("structuredContent").path("revision").asText()).matches("[0-9a-f]{40}");
        JsonNode read = inspector("--method", "tools/call", "--tool-name", "read_note", "--tool-arg",
                "path=Garden");
        assertThat(read.path("structuredContent").path("content").asText()).contains("sunflower companions");
        assertThat(alice.get(HOST, "/agent/tea").body()).contains("Steep at 80 degrees.");
    }

    @Test
    @Order(9)
    void gitClonesAndPushesAtSlashDotGit() throws Exception {
        Path work = Files.createDirectories(root.resolve("git"));
        GitCli git = new GitCli(Files.createDirectories(root.resolve("git-home")));
        String url = "http://alice:" + ALICE_PASSWORD + "@" + HOST + ":" + server.port() + "/.git";
        // The wiki's screens give that address to copy.
        assertThat(alice.get(HOST, "/-/tokens").body()).contains("http://" + HOST + ":" + server.port() + "/.git");

        GitCli.Result clone = git.run(work, "clone", url, "notes");
        assertThat(clone.ok()).as("%s", clone.output()).isTrue();
        Path checkout = work.resolve("notes");
        assertThat(Files.readString(checkout.resolve("Garden.md"))).contains("sunflower companions");
        assertThat(checkout.resolve("Garden/plan.txt")).hasContent("rows of tomatoes");

        Files.writeString(checkout.resolve("Pushed.md"), "# Pushed\n\nArrived by git push.\n");
        assertThat(git.run(checkout, "add", "Pushed.md").ok()).isTrue();
        assertThat(git.run(checkout, "commit", "-m", "A page by git").ok()).isTrue();
        GitCli.Result push = git.run(checkout, "push", "origin", "main");
        assertThat(push.ok()).as("%s", push.output()).isTrue();
        assertThat(alice.get(HOST, "/Pushed").body()).contains("Arrived by git push.");
    }

    /**
     * The same data folder in farm mode, then in single mode again: the wiki is at {@code /alice/notes} with the
     * same pages, history, files, search and token; back in single mode at {@code /}. A second wiki made in farm mode
     * makes single mode refuse to start until {@code singleWiki} says which, and the other wiki stays unreachable.
     */
    @Test
    @Order(10)
    void theSameDataFolderMovesBetweenFarmAndSingleModeLosingNothing() throws Exception {
        int history = api("GET", "/api/v1/pages/Garden/history", "alice", null, 200).path("changes").size();
        assertThat(history).isPositive();

        restart("farm", Map.of());
        assertThat(alice("/alice/notes/Garden", "sunflower companions")).isTrue();
        assertThat(api("GET", "/alice/notes/api/v1/pages/Garden/history", "alice", null, 200).path("changes")
                .size()).isEqualTo(history);
        assertThat(browserOf("alice", ALICE_PASSWORD).get(HOST, "/alice/notes/-/file/Garden/plan.txt").body())
                .isEqualTo("rows of tomatoes");
        assertThat(bearer("GET", "/alice/notes/api/v1/pages/agent/tea", token).status()).isEqualTo(200);
        assertThat(awaitSearch("/alice/notes", "sunflower").toString()).contains("Garden");
        // In farm mode a page named like a platform route has its plain address inside the wiki.
        Answer home = browserOf("alice", ALICE_PASSWORD).get(HOST, "/alice/notes/Home");
        assertThat(home.body()).contains("href=\"/alice/notes/admin/Notes\"");
        assertThat(alice("/alice/notes/admin/Notes", "boiler")).isTrue();
        assertThat(alice("/alice/notes/-/page/admin/Notes", "boiler")).isTrue();

        // A second wiki, Bob's, with a page only he may read.
        api("POST", "/api/v1/users", null, "{\"username\":\"bob\",\"password\":\"" + BOB_PASSWORD + "\"}", 201);
        api("POST", "/api/v1/wikis", "bob", "{\"slug\":\"diary\"}", 201);
        api("PUT", "/bob/diary/api/v1/pages/Secret", "bob", "{\"content\":\"# Secret\\n\\nbob-only words\"}", 201);
        String bobToken = api("POST", "/bob/diary/api/v1/tokens", "bob", "{\"name\":\"b\",\"role\":\"editor\"}",
                201).path("secret").asText();
        // The alias is a screen of each wiki: Alice's wiki never shows Bob's page through it, and Bob (no platform
        // admin, unlike Alice) reads none of Alice's private wiki through it.
        assertThat(browserOf("alice", ALICE_PASSWORD).get(HOST, "/alice/notes/-/page/Secret").body())
                .doesNotContain("bob-only words");
        assertThat(browserOf("bob", BOB_PASSWORD).get(HOST, "/alice/notes/-/page/Garden").body())
                .doesNotContain("sunflower companions");
        assertThat(browserOf("bob", BOB_PASSWORD).get(HOST, "/bob/diary/-/page/Secret").body())
                .contains("bob-only words");

        server.close();
        OwnTomcat refused = new OwnTomcat(root.resolve("single-refused"), data,
                Map.of("mode", "single", "embeddingModel", "off"));
        try {
            String console = refused.startRefused("set singleWiki=owner/slug");
            assertThat(console).contains("alice/notes").contains("bob/diary");
        } finally {
            refused.close();
        }

        server = start("single-2", Map.of("mode", "single", "singleWiki", "alice/notes"));
        assertThat(alice("/Garden", "sunflower companions")).isTrue();
        assertThat(api("GET", "/api/v1/pages/Garden/history", "alice", null, 200).path("changes").size())
                .isEqualTo(history);
        assertThat(browserOf("alice", ALICE_PASSWORD).get(HOST, "/-/file/Garden/plan.txt").body())
                .isEqualTo("rows of tomatoes");
        assertThat(bearer("GET", "/api/v1/pages/agent/tea", token).status()).isEqualTo(200);
        assertThat(awaitSearch("", "sunflower").toString()).contains("Garden");
        assertThat(alice("/-/page/admin/Notes", "boiler")).isTrue();

        // Bob's wiki is not served: not at its farm address, not by its token, not through search.
        HostBrowser bob = browserOf("bob", BOB_PASSWORD);
        assertThat(bob.get(HOST, "/bob/diary/Secret").body()).doesNotContain("bob-only words");
        assertThat(bob.get(HOST, "/Secret").body()).doesNotContain("bob-only words");
        Answer withBobsToken = bearer("GET", "/api/v1/pages/Secret", bobToken);
        assertThat(withBobsToken.status()).as("%s", withBobsToken).isIn(401, 403, 404);
        assertThat(withBobsToken.body()).doesNotContain("bob-only words");
        assertThat(bearer("GET", "/api/v1/pages/Garden", bobToken).status()).isIn(401, 403);
        assertThat(api("GET", "/api/v1/search?q=bob-only&mode=text", "alice", null, 200).toString())
                .doesNotContain("Secret");

        // Bob's wiki, made in farm mode, served alone: at /, with its token; Alice's is out of reach now.
        restart("single-3", Map.of("mode", "single", "singleWiki", "bob/diary"));
        HostBrowser bobAgain = browserOf("bob", BOB_PASSWORD);
        assertThat(bobAgain.get(HOST, "/Secret").body()).contains("bob-only words");
        Answer withToken = bearer("GET", "/api/v1/pages/Secret", bobToken);
        assertThat(withToken.status()).as("%s", withToken).isEqualTo(200);
        assertThat(withToken.body()).contains("bob-only words");
        assertThat(bearer("GET", "/api/v1/pages/Garden", token).status()).isIn(401, 403);
        assertThat(browserOf("alice", ALICE_PASSWORD).get(HOST, "/Garden").body())
                .doesNotContain("sunflower companions");
    }

    private static boolean alice(String path, String text) {
        Answer answer = browserOf("alice", ALICE_PASSWORD).get(HOST, path);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.body().contains(text);
    }

    private static HostBrowser browser() {
        return new HostBrowser(server.port());
    }

    /** A tab signed in through the form (a session cookie). */
    private static HostBrowser browserOf(String user, String password) {
        HostBrowser tab = browser();
        tab.get(HOST, "/login");
        Answer signedIn = tab.submit(HOST, "/login", Map.of("username", user, "password", password));
        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(303);
        return tab;
    }

    private static void write(String path, String content) {
        api("PUT", "/api/v1/pages/" + path, "alice", json(Map.of("content", content)), 201);
    }

    private static JsonNode awaitSearch(String query) {
        return awaitSearch("", query);
    }

    /** The wiki's text search, asked until the page is indexed (indexing is asynchronous). */
    private static JsonNode awaitSearch(String base, String query) {
        JsonNode last = null;
        for (int attempt = 0; attempt < 240; attempt++) {
            last = api("GET", base + "/api/v1/search?q=" + query + "&mode=text", "alice", null, 200);
            if (last.path("hits").size() > 0) {
                return last;
            }
            sleep();
        }
        throw new AssertionError("search for " + query + " found nothing: " + last);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode inspector(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                NodeClients.module("@modelcontextprotocol/inspector/clients/launcher/build/index.js").toString(),
                "--cli", "http://" + HOST + ":" + server.port() + "/mcp", "--transport", "http",
                "--header", "Authorization: Bearer " + token));
        command.addAll(List.of(arguments));
        NodeClients.Run run = NodeClients.node(command, 180);
        assertThat(run.exitCode()).as("%s", run).isZero();
        int start = run.stdout().indexOf('{');
        assertThat(start).as("JSON on stdout of %s", run).isGreaterThanOrEqualTo(0);
        return ApiClient.JSON.readTree(run.stdout().substring(start));
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)), "Accept", "application/json");
    }

    private static Answer bearer(String method, String path, String secret) {
        return browser().send(method, HOST, path, null, null,
                Map.of("Authorization", "Bearer " + secret, "Accept", "application/json"));
    }

    private static String json(Map<String, String> fields) {
        try {
            return ApiClient.JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode api(String method, String path, String user, String body, int status) {
        Map<String, String> headers = user == null ? Map.of("Accept", "application/json")
                : basic(user, user.equals("alice") ? ALICE_PASSWORD : BOB_PASSWORD);
        Answer answer = browser().send(method, HOST, path, body == null ? null : "application/json", body, headers);
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        try {
            return answer.body().isBlank() ? null : ApiClient.JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }
}
