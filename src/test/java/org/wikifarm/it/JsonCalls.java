package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** JSON calls to a Tomcat a test started itself (its own base URL), each with the status it must answer. */
final class JsonCalls {
    private JsonCalls() {
    }

    /**
     * Sends {@code body} (null: none) as JSON with {@code auth} as the Authorization header (null: none), asserts the
     * status and returns the answer's JSON.
     */
    static JsonNode send(HttpClient http, String baseUrl, String auth, String method, String path, Object body,
                         int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(ApiClient.JSON.writeValueAsBytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (auth != null) {
            request.header("Authorization", auth);
        }
        var response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return ApiClient.JSON.readTree(response.body());
    }

    /** Signs a new user up on the server (a random name starting with {@code prefix}) and gives its Basic header. */
    static String signUp(HttpClient http, String baseUrl, String prefix) throws IOException, InterruptedException {
        String user = Fixtures.randomName(prefix, 10);
        String password = Fixtures.randomName("pw-", 20);
        send(http, baseUrl, null, "POST", "/api/v1/users", java.util.Map.of("username", user, "password", password),
                201);
        return CliIT.basic(user, password);
    }

    /**
     * The wiki's search status ({@code api} is its API path, e.g. {@code /alice/notes/api/v1}) once nothing waits to
     * be indexed, the index holds the wiki's newest commit and the model is ready; fails after five minutes.
     */
    static JsonNode awaitSearchIndexed(HttpClient http, String baseUrl, String auth, String api)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonNode status;
        do {
            status = send(http, baseUrl, auth, "GET", api + "/search/status", null, 200);
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && status.path("last_indexed_commit").asText().equals(status.path("head_commit").asText())
                    && "ready".equals(status.path("semantic").asText())) {
                return status;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish: " + status);
    }
}
