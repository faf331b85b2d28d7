package org.wikifarm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Web pages as an anonymous browser asks for them: {@code GET} with {@code Accept: text/html}, no credentials, no
 * cookies kept. One client is one keep-alive connection when one thread uses it, so "8 connections" is 8 clients
 * used by 8 threads. Loopback only, like {@link BenchClient}.
 */
final class HtmlClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicLong RETRIES = new AtomicLong();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    HtmlClient(String base) {
        this.base = requireLoopback(base);
    }

    /** The page's bytes as sent, for copying it elsewhere byte for byte. */
    HttpResponse<byte[]> bytes(String path) {
        return send(path, BodyHandlers.ofByteArray());
    }

    /** The page as text; fails unless it is a 200 whose body contains {@code marker}. */
    String expect(String path, String marker) {
        HttpResponse<String> response = send(path, BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = response.body();
        if (response.statusCode() != 200 || !body.contains(marker)) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + " without " + marker
                    + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
        return body;
    }

    private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> handler) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Accept", "text/html")
                .GET()
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, handler);
            } catch (HttpTimeoutException e) {
                throw new UncheckedIOException("GET " + path + " timed out: " + e, e);
            } catch (IOException e) {
                // A kept-alive connection that the server closed while idle fails unanswered: send it once more.
                if (attempt == 2) {
                    throw new UncheckedIOException("GET " + path + " failed twice: " + e, e);
                }
                RETRIES.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during GET " + path, e);
            }
        }
    }

    /** How many GETs were sent again after their connection failed (reported with the results). */
    static long retries() {
        return RETRIES.get();
    }

    private static String requireLoopback(String base) {
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
}
