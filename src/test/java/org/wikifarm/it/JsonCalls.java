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
}
