package org.wikifarm.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Wiki;

/**
 * The calls one node makes to another ({@code /-node/…} on the other's {@code nodeUrl}), each carrying the shared
 * {@code nodeSecret} in the {@value #SECRET_HEADER} header. A call that fails says which node and why, as a 503 that
 * leaves nothing half done on this side.
 */
public final class NodeClient {
    /** The header that carries the shared secret. */
    public static final String SECRET_HEADER = "X-Wikifarm-Node-Secret";
    /** The path under which a node answers the others. */
    public static final String PATH = "/-node";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final String secret;
    private final Duration timeout;
    private HttpClient http;

    /** @param timeout how long one call may take, a copy's upload included */
    public NodeClient(String secret, Duration timeout) {
        this.secret = secret;
        this.timeout = timeout;
    }

    /**
     * The HTTP client, made at the first call: it starts a thread of its own, which a node alone (that never calls
     * another) must not leave behind when the application is redeployed.
     */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(CONNECT).version(HttpClient.Version.HTTP_1_1).build();
        }
        return http;
    }

    /** Asks {@code node} to create {@code wiki} there (files and rows), counting the owner's wikis if {@code counted}. */
    public void create(NodeRow node, Wiki wiki, boolean counted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", wiki.id().value());
        body.put("ownerId", wiki.ownerId());
        body.put("owner", wiki.owner().value());
        body.put("slug", wiki.slug().value());
        body.put("displayName", wiki.displayName());
        body.put("read", wiki.access().read().name());
        body.put("write", wiki.access().write().name());
        body.put("attachment", wiki.access().attachment().name());
        body.put("createdAt", wiki.createdAt().toString());
        body.put("pageCount", wiki.pageCount());
        body.put("counted", counted);
        send(node, "POST", "/wikis", HttpRequest.BodyPublishers.ofString(write(body)), "application/json");
    }

    /** Sends a wiki's copy (a zip, see {@link Mover}) to {@code node}, which checks and restores it; its commit. */
    public String sendCopy(NodeRow node, TenantId wiki, Path zip) throws IOException {
        JsonNode answer = send(node, "PUT", "/wikis/" + wiki.value() + "/copy",
                HttpRequest.BodyPublishers.ofFile(zip), "application/zip");
        return answer.path("commit").asText(null);
    }

    /** Asks {@code node} to remove a copy it received for a move that did not finish (best effort). */
    public void discardCopy(NodeRow node, TenantId wiki) {
        send(node, "DELETE", "/wikis/" + wiki.value() + "/copy", HttpRequest.BodyPublishers.noBody(), null);
    }

    /** Asks the node that holds {@code wiki} to move it to {@code target}; returns when the move is done. */
    public JsonNode move(NodeRow holder, TenantId wiki, String target) {
        return send(holder, "POST", "/wikis/" + wiki.value() + "/move",
                HttpRequest.BodyPublishers.ofString(write(Map.of("to", target))), "application/json");
    }

    /** Tells {@code node} that the platform database changed (it forgets what it remembered). */
    public void changed(NodeRow node) {
        send(node, "POST", "/changed", HttpRequest.BodyPublishers.noBody(), null);
    }

    private JsonNode send(NodeRow node, String method, String path, HttpRequest.BodyPublisher body,
                          String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + PATH + path))
                .timeout(timeout).header(SECRET_HEADER, secret).header("Accept", "application/json")
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response;
        try {
            response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(node, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(node, "interrupted", e);
        }
        JsonNode answer = read(response.body());
        if (response.statusCode() / 100 != 2) {
            String message = answer.path("message").asText("HTTP " + response.statusCode());
            int status = response.statusCode();
            String code = answer.path("error").asText("node_failed");
            if (status == 409) {
                throw new WikifarmException.Conflict(code, "Node " + node.name() + ": " + message);
            }
            if (status == 400) {
                throw new WikifarmException.InvalidInput(code, "Node " + node.name() + ": " + message);
            }
            throw new WikifarmException.Unavailable(code, "Node " + node.name() + " answered " + status + ": "
                    + message);
        }
        return answer;
    }

    private static WikifarmException unreachable(NodeRow node, String why, Exception cause) {
        return new WikifarmException.Unavailable("node_unreachable", "Node " + node.name() + " (" + node.url()
                + ") cannot be reached: " + why + ". Nothing was changed.", cause);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
