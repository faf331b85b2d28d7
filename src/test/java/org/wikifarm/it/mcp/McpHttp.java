package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.wikifarm.it.ApiClient;
import org.wikifarm.it.TestWiki;

/**
 * A wiki's MCP endpoint as a client sees it on the wire: JSON-RPC over Streamable HTTP, one session, answers as JSON
 * or as server-sent events. Deliberately raw (headers, session ids and bodies are the test's to choose) so the
 * security tests can send what no well-behaved client would. Every answer is checked for Java stack traces.
 */
final class McpHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROTOCOL = "2025-11-25";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat (org|java|jdk|javax|jakarta|com|sun|io|reactor)"
            + "\\.[\\w$.]+\\(");

    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String sessionId;
    private int nextId = 1;

    private McpHttp(String url) {
        this.url = url;
    }

    /** The endpoint of a wiki, {@code <base>/<owner>/<slug>/mcp}, with a bearer token (or none, if null). */
    static McpHttp of(TestWiki wiki, String token) {
        McpHttp client = new McpHttp(endpoint(wiki));
        if (token != null) {
            client.header("Authorization", "Bearer " + token);
        }
        return client;
    }

    static String endpoint(TestWiki wiki) {
        return ApiClient.BASE + "/" + wiki.owner() + "/" + wiki.slug() + "/mcp";
    }

    McpHttp header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    String sessionId() {
        return sessionId;
    }

    /** Uses this session id from now on (another client's, for the tests that must be refused). */
    McpHttp session(String id) {
        this.sessionId = id;
        return this;
    }

    /** initialize + notifications/initialized; keeps the session id. */
    Reply initialize() {
        ObjectNode params = JSON.createObjectNode().put("protocolVersion", PROTOCOL);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "wikifarm-it").put("version", "1");
        Reply reply = request("initialize", params);
        reply.expectStatus(200);
        sessionId = reply.headers().firstValue("Mcp-Session-Id").orElse(null);
        assertThat(sessionId).as("Mcp-Session-Id of %s", reply).isNotBlank();
        notify("notifications/initialized").expectStatus(202);
        return reply;
    }

    Reply request(String method, Object params) {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", nextId++).put("method", method);
        if (params != null) {
            message.set("params", JSON.valueToTree(params));
        }
        return post(message.toString());
    }

    Reply notify(String method) {
        return post(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method).toString());
    }

    /** tools/call; the reply's {@link Reply#result()} is the CallToolResult. */
    Reply call(String tool, Map<String, ?> arguments) {
        return request("tools/call", Map.of("name", tool, "arguments", arguments));
    }

    Reply post(String body) {
        return send("POST", HttpRequest.BodyPublishers.ofString(body), "application/json");
    }

    Reply send(String method, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", PROTOCOL)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Reply reply = new Reply(method + " " + url, response.statusCode(), response.headers(), response.body());
            assertThat(reply.body()).as("no stack trace in %s", reply).doesNotContain("at org.")
                    .doesNotContain("Exception").doesNotContain("stackTrace").doesNotContainPattern(STACK_FRAME);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer; {@link #message()} is the JSON-RPC message in it (the last one of an event stream). */
    record Reply(String request, int status, HttpHeaders headers, String body) {
        Reply expectStatus(int expected) {
            assertThat(status).as("status of %s", this).isEqualTo(expected);
            return this;
        }

        JsonNode message() {
            String json = body;
            if (headers.firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                json = null;
                for (String line : body.split("\n")) {
                    if (line.startsWith("data:")) {
                        json = line.substring(5).strip();
                    }
                }
            }
            assertThat(json).as("a JSON-RPC message in %s", this).isNotNull();
            try {
                return JSON.readTree(json);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        /** The result of a successful JSON-RPC answer. */
        JsonNode result() {
            expectStatus(200);
            JsonNode message = message();
            assertThat(message.has("result")).as("a result in %s", this).isTrue();
            return message.get("result");
        }

        /** The error of a JSON-RPC error answer. */
        JsonNode error() {
            JsonNode message = message();
            assertThat(message.has("error")).as("an error in %s", this).isTrue();
            return message.get("error");
        }

        /** A successful tool result's structured content. */
        JsonNode structured() {
            JsonNode result = result();
            assertThat(result.path("isError").asBoolean(false)).as("isError in %s", this).isFalse();
            JsonNode structured = result.get("structuredContent");
            assertThat(structured).as("structuredContent in %s", this).isNotNull();
            try {
                assertThat(JSON.readTree(result.path("content").path(0).path("text").asText()))
                        .as("the text content repeats the structured content in %s", this).isEqualTo(structured);
            } catch (JsonProcessingException e) {
                throw new AssertionError("the text content is not JSON: " + this, e);
            }
            return structured;
        }

        /** A tool result with isError: true; returns its message. */
        String toolError() {
            JsonNode result = result();
            assertThat(result.path("isError").asBoolean(false)).as("isError in %s", this).isTrue();
            return result.path("content").path(0).path("text").asText();
        }

        @Override
        public String toString() {
            String shown = body.length() > 3000 ? body.substring(0, 3000) + "…" : body;
            return request + " → " + status + " " + headers.map() + " " + shown;
        }
    }
}
