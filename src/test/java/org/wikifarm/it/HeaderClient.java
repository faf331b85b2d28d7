package org.wikifarm.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import java.util.Map;

/**
 * The REST API called with any credentials: a wiki's bearer token or the identity headers of an authenticating proxy
 * (which {@link ApiClient} does not send), HTTP Basic, or none, so a test can treat every kind of caller alike.
 * Requests leave from 127.0.0.1, a trusted proxy address of the IT server.
 */
public final class HeaderClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Map<String, String> headers;

    private HeaderClient(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    public static HeaderClient anonymous() {
        return new HeaderClient(Map.of());
    }

    public static HeaderClient basic(String username, String password) {
        return new HeaderClient(Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    /** {@code Authorization: Bearer <token>}, e.g. a secret from {@code POST <wiki>/api/v1/tokens}. */
    public static HeaderClient bearer(String token) {
        return new HeaderClient(Map.of("Authorization", "Bearer " + token));
    }

    public static HeaderClient withHeaders(Map<String, String> headers) {
        return new HeaderClient(headers);
    }

    public ApiResponse get(String path) {
        return send("GET", path, BodyPublishers.noBody());
    }

    public ApiResponse put(String path, Object body) {
        return send("PUT", path, json(body));
    }

    public ApiResponse post(String path, Object body) {
        return send("POST", path, json(body));
    }

    public ApiResponse delete(String path) {
        return send("DELETE", path, BodyPublishers.noBody());
    }

    private ApiResponse send(String method, String path, BodyPublisher body) {
        String uri = ApiClient.BASE + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, body);
        headers.forEach(request::header);
        try {
            var response = HTTP.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            ApiResponse result = new ApiResponse(method, uri, response.statusCode(), response.headers(),
                    response.body(), parse(response.body()));
            ApiClient.assertNoStackTrace(result);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri, e);
        }
    }

    private static BodyPublisher json(Object body) {
        try {
            return BodyPublishers.ofByteArray(ApiClient.JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise test body " + body, e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : ApiClient.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
