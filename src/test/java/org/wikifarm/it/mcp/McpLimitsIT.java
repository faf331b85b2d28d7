package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.Fixtures;
import org.wikifarm.page.git.OutsideCommits;

/**
 * The MCP endpoint's bounds over plain HTTP, as a client meets them: sessions per token and in all, tool arguments,
 * and the size of tool answers over commits pushed straight into git. The IT server holds at most 300 sessions
 * ({@code mcpSessionsMax}); the other limits have their defaults except {@code maxPageBytes}, 512 KB.
 */
class McpLimitsIT {
    private static final int PER_TOKEN = 20;
    private static final int MAX_SESSIONS = 300;
    private static final int PAGE_BYTES = 524_288;
    private static final long LIST_BYTES = 1_048_576;
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";

    private static void end(List<McpHttp> sessions) {
        for (McpHttp session : sessions) {
            session.send("DELETE", HttpRequest.BodyPublishers.noBody(), null);
        }
    }

    private static McpHttp.Reply toolsList(McpHttp session) {
        return session.request("tools/list", Map.of());
    }

    @Test
    void aTokensNewSessionBeyondTwentyEndsItsLeastRecentlyUsedOne() {
        McpWiki wiki = McpWiki.create();
        McpWiki other = McpWiki.create();
        McpHttp otherTenant = other.editorSession();
        McpHttp sameWikiOtherToken = wiki.viewerSession();
        List<McpHttp> sessions = new ArrayList<>();
        try {
            for (int i = 0; i <= PER_TOKEN; i++) {
                sessions.add(wiki.editorSession());
            }

            McpHttp.Reply ended = toolsList(sessions.get(0)).expectStatus(404);
            assertThat(ended.error().path("message").asText()).contains("Session not found");
            for (McpHttp session : sessions.subList(1, sessions.size())) {
                toolsList(session).result();
            }
            // Neither another wiki's token nor another token of the same wiki lost a session to this one's cap.
            toolsList(otherTenant).result();
            toolsList(sameWikiOtherToken).result();
        } finally {
            end(sessions);
            end(List.of(otherTenant, sameWikiOtherToken));
        }
    }

    @Test
    void aFullServerRefusesATokenWithoutSessionsWith429UntilSessionsEnd() {
        McpWiki filler = McpWiki.create();
        McpWiki other = McpWiki.create();
        List<McpHttp> opened = new ArrayList<>();
        String lastToken = null;
        McpHttp.Reply refused = null;
        try {
            fill:
            for (int t = 0; t * PER_TOKEN <= MAX_SESSIONS + PER_TOKEN; t++) {
                String token = McpWiki.token(filler.owner(), filler.wiki(), Fixtures.randomName("filler-", 6),
                        "viewer");
                for (int i = 0; i < PER_TOKEN; i++) {
                    McpHttp session = McpHttp.of(filler.wiki(), token);
                    McpHttp.Reply reply = open(session);
                    if (reply.status() == 429) {
                        assertThat(i).as("only a token without sessions is refused").isZero();
                        refused = reply;
                        break fill;
                    }
                    reply.expectStatus(200);
                    opened.add(session);
                    lastToken = token;
                }
            }

            assertThat(refused).as("the server filled up at %s sessions", MAX_SESSIONS).isNotNull();
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                    assertThat(Long.parseLong(seconds)).isPositive());
            assertThat(refused.error().path("message").asText()).contains(MAX_SESSIONS + " MCP sessions");
            // Another wiki's token is refused the same way; the sessions already open all still work.
            open(McpHttp.of(other.wiki(), other.editor())).expectStatus(429);
            toolsList(opened.get(0)).result();
            // A token with sessions makes room by ending its own oldest.
            McpHttp again = McpHttp.of(filler.wiki(), lastToken);
            open(again).expectStatus(200);
            opened.add(again);
            toolsList(again).result();
        } finally {
            end(opened);
        }
        McpHttp room = McpHttp.of(other.wiki(), other.editor());
        open(room).expectStatus(200);
        toolsList(room).result();
        end(List.of(room));
    }

    /** initialize (and, when it succeeds, notifications/initialized) without expecting success. */
    private static McpHttp.Reply open(McpHttp session) {
        McpHttp.Reply reply = session.post(INITIALIZE);
        if (reply.status() == 200) {
            session.session(reply.headers().firstValue("Mcp-Session-Id").orElseThrow());
            session.notify("notifications/initialized").expectStatus(202);
        }
        return reply;
    }

    @Test
    void toolArgumentsOverTheLimitsAreRefusedBeforeAnyWork() {
        McpWiki wiki = McpWiki.create();
        McpHttp session = wiki.editorSession();
        try {
            JsonNode write = null;
            for (JsonNode tool : toolsList(session).result().path("tools")) {
                write = "write_note".equals(tool.path("name").asText()) ? tool : write;
            }
            assertThat(write.path("inputSchema").path("properties").path("content").path("maxLength").asInt())
                    .isEqualTo(PAGE_BYTES);

            JsonNode tooLong = session.call("write_note", Map.of("path", "Big", "content", "x".repeat(PAGE_BYTES + 1)))
                    .error();
            assertThat(tooLong.path("code").asInt()).isEqualTo(-32602);
            JsonNode message = session.call("write_note", Map.of("path", "Home", "content", "x",
                    "commit_message", "m".repeat(2_001))).error();
            assertThat(message.path("code").asInt()).isEqualTo(-32602);
            // Under the limit in characters but over it in bytes: the service refuses it.
            String wide = session.call("write_note", Map.of("path", "Wide", "content", "é".repeat(PAGE_BYTES / 2 + 1)))
                    .toolError();
            assertThat(wide).contains("524,288");
            assertThat(session.call("list_notes", Map.of()).structured().path("pages")).isEmpty();
        } finally {
            end(List.of(session));
        }
    }

    @Test
    void textThatIsNotUnicodeIsRefusedNotStoredAsQuestionMarks() {
        McpWiki wiki = McpWiki.create();
        McpHttp session = wiki.editorSession();
        try {
            // Written by hand: a JSON library would not write a lone surrogate escape. Refused as invalid params, like
            // every argument the service refuses before any work.
            String content = session.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"write_note\",\"arguments\":{\"path\":\"Odd\",\"content\":\"a\\ud800b\"}}}")
                    .error().path("message").asText();
            assertThat(content).contains("valid Unicode").contains("U+D800");
            String message = session.post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"write_note\",\"arguments\":{\"path\":\"Odd\",\"content\":\"fine\","
                    + "\"commit_message\":\"\\udc00\"}}}").error().path("message").asText();
            assertThat(message).contains("commit message").contains("U+DC00");
            assertThat(session.call("list_notes", Map.of()).structured().path("pages")).isEmpty();
        } finally {
            end(List.of(session));
        }
    }

    @Test
    void historyToolsStayWithinTheBudgetWhateverGitHolds() throws Exception {
        McpWiki wiki = McpWiki.create();
        String huge = "\\".repeat(5 * 1024 * 1024);
        for (int i = 0; i < 20; i++) {
            OutsideCommits.commit(Fixtures.DATA.resolve("wikis").resolve(wiki.wiki().id()).resolve("repo.git"),
                    "Pusher", huge, Map.of("Home.md", "version " + i));
        }
        McpHttp session = wiki.viewerSession();
        try {
            McpHttp.Reply recent = session.call("get_recent_changes", Map.of("limit", 1000));
            McpHttp.Reply history = session.call("get_history", Map.of("path", "Home", "limit", 1000));

            for (McpHttp.Reply reply : List.of(recent, history)) {
                assertThat((long) reply.body().getBytes(StandardCharsets.UTF_8).length).as("bytes of %s",
                        reply.request()).isLessThanOrEqualTo(LIST_BYTES + 4_096);
                JsonNode changes = reply.structured().path("changes");
                assertThat(changes.size()).isPositive();
                changes.forEach(change -> {
                    if (!"Pusher".equals(change.path("author").asText())) {
                        return; // the wiki's own first commits have short messages
                    }
                    assertThat(change.path("message_truncated").asBoolean()).isTrue();
                    assertThat(change.path("message").asText()).hasSize(2_000);
                });
            }
        } finally {
            end(List.of(session));
        }
    }
}
