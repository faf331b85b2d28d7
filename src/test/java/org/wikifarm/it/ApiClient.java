package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The REST API as a client sees it, over real HTTP against the Tomcat that failsafe's pre-integration-test phase
 * started. Paths are passed raw (already percent-encoded where needed) so hostile tests can send exactly the bytes
 * they mean; {@link Fixtures#encodePath} encodes ordinary page paths.
 *
 * <p>Every response is checked for a Java stack trace: no body the server sends may ever contain one.
 */
public final class ApiClient {
    /** Where the IT Tomcat listens, e.g. {@code http://127.0.0.1:18080}. */
    public static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat (org|java|jdk|javax|jakarta|com|sun)\\.[\\w$.]+\\(");

    private final String authorization;

    private ApiClient(String authorization) {
        this.authorization = authorization;
    }

    public static ApiClient anonymous() {
        return new ApiClient(null);
    }

    /** A client that sends HTTP Basic credentials with every request (preemptively, as curl -u does). */
    public static ApiClient as(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ApiClient("Basic " + token);
    }

    /** A client that sends a wiki's token as a bearer token with every request. */
    public static ApiClient bearer(String token) {
        return new ApiClient("Bearer " + token);
    }

    public ApiResponse get(String path) {
        return send("GET", path, BodyPublishers.noBody(), null);
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, BodyPublishers.noBody(), null);
    }

    /** PUT with {@code body} serialised as JSON (a Map, record or JsonNode). */
    public ApiResponse put(String path, Object body) {
        return sendBytes("PUT", path, toJson(body));
    }

    /** POST with {@code body} serialised as JSON. */
    public ApiResponse post(String path, Object body) {
        return sendBytes("POST", path, toJson(body));
    }

    /** Sends exactly these bytes as an {@code application/json} body (with a Content-Length). */
    public ApiResponse sendBytes(String method, String path, byte[] body) {
        return send(method, path, BodyPublishers.ofByteArray(body), "application/json; charset=utf-8");
    }

    /** Sends the stream as an {@code application/json} body of unknown length (chunked transfer encoding). */
    public ApiResponse sendChunked(String method, String path, Supplier<InputStream> body) {
        return send(method, path, BodyPublishers.ofInputStream(body), "application/json; charset=utf-8");
    }

    public ApiResponse send(String method, String path, BodyPublisher body, String contentType) {
        String uri = BASE + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            var response = HTTP.send(request.build(), BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            ApiResponse result = new ApiResponse(method, uri, response.statusCode(), response.headers(), text,
                    parse(text));
            assertNoStackTrace(result);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri, e);
        }
    }

    static void assertNoStackTrace(ApiResponse response) {
        assertThat(response.body())
                .as("no Java stack trace in %s", response.describe())
                .doesNotContain("at org.")
                .doesNotContain("Exception:")
                .doesNotContainPattern(STACK_FRAME);
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise test body " + body, e);
        }
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
