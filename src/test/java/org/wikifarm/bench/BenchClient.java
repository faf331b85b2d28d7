package org.wikifarm.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The REST API as the benchmarks call it: HTTP/1.1 with keep-alive over loopback only, HTTP Basic sent with every
 * request, JSON in and out. Unlike the IT client it checks nothing but the status, to keep client work small.
 */
final class BenchClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_ATTEMPTS = 3;
    private static final AtomicLong RETRIES = new AtomicLong();

    static {
        // Tomcat drops a keep-alive connection after 20 s idle; the JDK client keeps one for 20 minutes, and a
        // request sent on a connection the server is closing fails with no answer. Let the client close first.
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String authorization;

    private BenchClient(String base, String authorization) {
        this.base = requireLoopback(base);
        this.authorization = authorization;
    }

    static BenchClient anonymous(String base) {
        return new BenchClient(base, null);
    }

    static BenchClient as(String base, String username, String password) {
        String token = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new BenchClient(base, "Basic " + token);
    }

    /** A client that sends a wiki's bearer token with every request. */
    static BenchClient bearer(String base, String token) {
        return new BenchClient(base, "Bearer " + token);
    }

    Reply get(String path) {
        return send("GET", path, BodyPublishers.noBody());
    }

    Reply put(String path, Object body) {
        return send("PUT", path, BodyPublishers.ofByteArray(toJson(body)));
    }

    Reply post(String path, Object body) {
        return send("POST", path, BodyPublishers.ofByteArray(toJson(body)));
    }

    Reply delete(String path) {
        return send("DELETE", path, BodyPublishers.noBody());
    }

    private Reply send(String method, String path, BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                var response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Reply(method + " " + path, response.statusCode(), response.body(), attempt > 1);
            } catch (HttpTimeoutException e) {
                throw new UncheckedIOException(method + " " + path + " timed out: " + e, e);
            } catch (IOException e) {
                // The connection closed before any answer (rarely seen here, under load): send it again, a bit later.
                if (attempt == MAX_ATTEMPTS) {
                    throw new UncheckedIOException(method + " " + path + " failed " + attempt + " times: " + e, e);
                }
                RETRIES.incrementAndGet();
                System.err.println("bench: " + method + " " + path + " sent again after " + e);
                pause(attempt * 100L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during " + method + " " + path, e);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many requests were sent again after a connection failed (reported with the results). */
    static long retries() {
        return RETRIES.get();
    }

    /** A benchmark sends nothing off the machine: the base must name a loopback address. */
    static String requireLoopback(String base) {
        String host = URI.create(base).getHost();
        try {
            if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("Benchmarks only talk to loopback, not " + base);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown benchmark host in " + base, e);
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + body, e);
        }
    }

    /**
     * One answer; {@code resent} when it came for a second sending. {@link #expect} turns an unexpected status
     * into a failure that shows the whole exchange.
     */
    record Reply(String request, int status, String body, boolean resent) {
        Reply expect(int expected) {
            if (status != expected) {
                throw new AssertionError(request + " answered " + status + " instead of " + expected + ": "
                        + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
            }
            return this;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
            }
        }

        String text(String field) {
            JsonNode node = json().path(field);
            if (!node.isTextual()) {
                throw new AssertionError(request + ": no text field '" + field + "' in " + body);
            }
            return node.asText();
        }
    }
}
