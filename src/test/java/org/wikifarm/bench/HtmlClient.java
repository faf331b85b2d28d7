package org.wikifarm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web pages as a browser asks for them: {@code GET} with {@code Accept: text/html}, anonymously (no credentials, no
 * cookies kept), with the session cookie of a sign-in through the login form ({@link #signedIn}), or with a wiki's
 * bearer token ({@link #bearer}). One client is one
 * keep-alive connection when one thread uses it, so "8 connections" is 8 clients used by 8 threads. Loopback only,
 * like {@link BenchClient}.
 */
final class HtmlClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicLong RETRIES = new AtomicLong();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

    private final String base;
    private final String cookie;
    private final String authorization;

    HtmlClient(String base) {
        this(base, null, null);
    }

    private HtmlClient(String base, String cookie, String authorization) {
        this.base = BenchClient.requireLoopback(base);
        this.cookie = cookie;
        this.authorization = authorization;
    }

    /** A client that sends a wiki's bearer token with every request, as a program reading the web UI would. */
    static HtmlClient bearer(String base, String token) {
        return new HtmlClient(base, null, "Bearer " + token);
    }

    /** A client with a session of its own, signed in through the login form as a person would. */
    static HtmlClient signedIn(String base, String username, String password) {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            String form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                    BodyHandlers.ofString()).body();
            Matcher csrf = CSRF.matcher(form);
            if (!csrf.find()) {
                throw new AssertionError("No CSRF token on the login form: " + form);
            }
            String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + csrf.group(1);
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
            if (login.statusCode() != 303) {
                throw new AssertionError("Signing in " + username + " answered " + login.statusCode());
            }
            String session = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("JSESSIONID")).map(c -> c.getName() + "=" + c.getValue())
                    .findFirst().orElseThrow(() -> new AssertionError("No session cookie after signing in"));
            return new HtmlClient(base, session, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The session cookie ({@code JSESSIONID=…}) of a {@link #signedIn} client, for another client to send; else null. */
    String cookie() {
        return cookie;
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
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Accept", "text/html")
                .GET();
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
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
}
