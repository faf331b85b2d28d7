package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.ApiClient;

/**
 * Who may use a wiki's MCP endpoint and how far a session reaches: bearer tokens of that wiki only, sessions bound to
 * the wiki and token that opened them, Origin checked, and no error body with a stack trace.
 */
class McpSecurityIT {
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";

    @Test
    void withoutATokenOfTheWikiItIs401WithABearerChallenge() {
        McpWiki a = McpWiki.create();
        McpWiki b = McpWiki.create();
        String realm = "Bearer realm=\"" + a.wiki().slug() + "\"";

        McpHttp.Reply none = McpHttp.of(a.wiki(), null).post(INITIALIZE).expectStatus(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue(realm);
        assertThat(none.error().path("message").asText()).contains("bearer token");

        McpHttp.Reply wrong = McpHttp.of(a.wiki(), "wft_not-a-real-token").post(INITIALIZE).expectStatus(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith(realm));

        McpHttp.Reply otherWiki = McpHttp.of(a.wiki(), b.editor()).post(INITIALIZE).expectStatus(401);
        assertThat(otherWiki.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith(realm));

        String basic = Base64.getEncoder().encodeToString((a.owner().username() + ":" + a.owner().password())
                .getBytes(StandardCharsets.UTF_8));
        McpHttp.Reply password = McpHttp.of(a.wiki(), null).header("Authorization", "Basic " + basic)
                .post(INITIALIZE).expectStatus(401);
        assertThat(password.headers().firstValue("WWW-Authenticate")).hasValue(realm);
    }

    @Test
    void aBrowserSessionCookieAloneIsNotAccepted() throws Exception {
        McpWiki wiki = McpWiki.create();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String form = browser.send(HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]*)\"").matcher(form);
        assertThat(csrf.find()).as("a CSRF token on the login form").isTrue();
        String fields = "username=" + enc(wiki.owner().username()) + "&password=" + enc(wiki.owner().password())
                + "&csrf=" + csrf.group(1);
        int login = browser.send(HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
        assertThat(login).as("signing in through the login form").isEqualTo(303);
        int page = browser.send(HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/" + wiki.wiki().owner() + "/"
                + wiki.wiki().slug() + "/-/settings")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(page).as("the session cookie signs the owner in on the web UI").isEqualTo(200);

        HttpResponse<String> mcp = browser.send(HttpRequest.newBuilder(URI.create(McpHttp.endpoint(wiki.wiki())))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mcp.statusCode()).as("MCP with only the session cookie: %s", mcp.body()).isEqualTo(401);
        assertThat(mcp.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"" + wiki.wiki().slug()
                + "\"");
        assertThat(mcp.body()).contains("not accepted").doesNotContain("Exception");
    }

    @Test
    void aSessionIsRefusedOnAnotherWikiAndWithAnotherToken() {
        McpWiki a = McpWiki.create();
        McpWiki b = McpWiki.create();
        McpHttp onA = a.editorSession();
        String sessionOfA = onA.sessionId();

        McpHttp.Reply onB = McpHttp.of(b.wiki(), b.editor()).session(sessionOfA)
                .call("write_note", Map.of("path", "Stolen", "content", "x")).expectStatus(404);
        assertThat(onB.error().path("message").asText()).contains("Session not found");
        McpHttp.Reply listOnB = McpHttp.of(b.wiki(), b.editor()).session(sessionOfA)
                .request("resources/list", Map.of()).expectStatus(404);
        assertThat(listOnB.error().path("message").asText()).contains("Session not found");
        McpHttp.of(b.wiki(), b.editor()).session(sessionOfA).send("GET",
                HttpRequest.BodyPublishers.noBody(), null).expectStatus(404);
        McpHttp.of(b.wiki(), b.editor()).session(sessionOfA).send("DELETE",
                HttpRequest.BodyPublishers.noBody(), null).expectStatus(404);

        McpHttp.Reply viewerOfA = McpHttp.of(a.wiki(), a.viewer()).session(sessionOfA)
                .call("read_note", Map.of("path", "Home")).expectStatus(404);
        assertThat(viewerOfA.error().path("message").asText()).contains("another token");

        assertThat(b.wiki().pages(b.owner().client()).get("Stolen").status()).isEqualTo(404);
        assertThat(a.wiki().pages(a.owner().client()).get("Stolen").status()).isEqualTo(404);
        assertThat(onA.call("write_note", Map.of("path", "Mine", "content", "x")).structured().path("created")
                .asBoolean()).as("the session still works for its own token and wiki").isTrue();
    }

    @Test
    void aDeletedSessionIsGone() {
        McpWiki wiki = McpWiki.create();
        McpHttp mcp = wiki.editorSession();
        mcp.send("DELETE", HttpRequest.BodyPublishers.noBody(), null).expectStatus(200);
        mcp.call("list_notes", Map.of()).expectStatus(404);
    }

    @Test
    void aForeignOriginIs403() throws IOException {
        McpWiki wiki = McpWiki.create();
        String own = ApiClient.BASE;
        McpHttp.of(wiki.wiki(), wiki.editor()).header("Origin", own).initialize();

        for (String origin : new String[] {"http://evil.example.com", "null", "http://127.0.0.1:1", "file://",
                own + "/path"}) {
            McpHttp.Reply refused = McpHttp.of(wiki.wiki(), wiki.editor()).header("Origin", origin).post(INITIALIZE)
                    .expectStatus(403);
            assertThat(refused.error().path("message").asText()).as(origin).contains("Origin");
        }
        // A page on a rebound domain sends its own name as Host and Origin (the JDK client cannot set Host).
        String rebound = rawPost(wiki, "evil.example.com", "http://evil.example.com");
        assertThat(rebound).as("a DNS-rebound page").startsWith("HTTP/1.1 403");
        assertThat(rawPost(wiki, URI.create(own).getAuthority(), own)).as("the wiki's own address")
                .startsWith("HTTP/1.1 200");

        McpHttp session = wiki.editorSession();
        session.header("Origin", "http://evil.example.com").call("list_notes", Map.of()).expectStatus(403);
    }

    @Test
    void errorAnswersAreJsonRpcErrorsWithoutStackTraces() {
        McpWiki wiki = McpWiki.create();
        McpHttp mcp = wiki.editorSession();
        McpHttp fresh = McpHttp.of(wiki.wiki(), wiki.editor());

        assertJsonRpcError(mcp.post("{not json"), 400);
        assertJsonRpcError(mcp.post("[1, 2, 3]"), 400);
        assertJsonRpcError(mcp.send("POST", HttpRequest.BodyPublishers.ofString(INITIALIZE), "text/plain"), 415);
        assertJsonRpcError(fresh.call("read_note", Map.of("path", "Home")), 400);
        assertJsonRpcError(fresh.send("GET", HttpRequest.BodyPublishers.noBody(), null), 400);
        assertJsonRpcError(McpHttp.of(wiki.wiki(), wiki.editor()).session("no-such-session")
                .call("read_note", Map.of("path", "Home")), 404);
        assertJsonRpcError(McpHttp.of(wiki.wiki(), wiki.editor()).header("Accept", "text/html").post(INITIALIZE), 400);
        assertJsonRpcError(mcp.send("PUT", HttpRequest.BodyPublishers.ofString(INITIALIZE), "application/json"), 405);
        assertJsonRpcError(mcp.post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"no/such/method\"}"), 200);
        // Refused by the body limit before MCP is reached: the product's plain JSON error, no stack trace either.
        mcp.send("POST", HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "a".repeat(1_100_000) + "\"}"),
                "application/json").expectStatus(413);
    }

    private static void assertJsonRpcError(McpHttp.Reply reply, int status) {
        reply.expectStatus(status);
        assertThat(reply.error().path("code").isInt()).as("a JSON-RPC error code in %s", reply).isTrue();
        assertThat(reply.error().path("message").asText()).as("a message in %s", reply).isNotBlank();
    }

    /** POSTs initialize with exactly these Host and Origin headers; returns the whole answer. */
    private static String rawPost(McpWiki wiki, String host, String origin) throws IOException {
        URI base = URI.create(ApiClient.BASE);
        byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
        String head = "POST /" + wiki.wiki().owner() + "/" + wiki.wiki().slug() + "/mcp HTTP/1.1\r\n"
                + "Host: " + host + "\r\nOrigin: " + origin + "\r\nAuthorization: Bearer " + wiki.editor() + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).as("no stack trace").doesNotContain("Exception").doesNotContain("at org.");
            return answer;
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
