package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Browser-facing hardening, seen from outside: the security headers on every kind of response, the session cookie's
 * attributes (also behind an HTTPS-terminating proxy on loopback, which is what this client looks like), and the
 * login throttle on the web form.
 */
class SecurityHeadersIT {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        wiki.pages(owner.client()).create("Home", "# Home\nHello.");

        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        responses.put("platform home", get(plainClient(), "/", "text/html"));
        responses.put("wiki page", get(plainClient(), "/" + wiki.owner() + "/" + wiki.slug() + "/Home", "text/html"));
        responses.put("API JSON", get(plainClient(), "/api/v1/health", "application/json"));
        responses.put("API JSON error", get(plainClient(), wiki.api() + "/pages/NoSuchPage", "application/json"));
        responses.put("404 error page (unknown wiki)",
                get(plainClient(), "/" + Fixtures.randomName("nobody", 8) + "/nowiki/", "text/html"));
        responses.put("401 error (wrong credentials)", send(plainClient(), request("/api/v1/me", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (owner.username() + ":wrong-password").getBytes(StandardCharsets.UTF_8))).build()));
        responses.put("static file", get(plainClient(), "/static/wikifarm.css", "text/css"));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(responses.get("platform home").statusCode()).as("platform home").isEqualTo(200);
        softly.assertThat(responses.get("wiki page").statusCode()).as("wiki page").isEqualTo(200);
        softly.assertThat(responses.get("API JSON").statusCode()).as("API JSON").isEqualTo(200);
        softly.assertThat(responses.get("API JSON error").statusCode()).as("API JSON error").isEqualTo(404);
        softly.assertThat(responses.get("404 error page (unknown wiki)").statusCode()).as("unknown wiki")
                .isEqualTo(404);
        softly.assertThat(responses.get("401 error (wrong credentials)").statusCode()).as("wrong credentials")
                .isEqualTo(401);
        softly.assertThat(responses.get("static file").statusCode()).as("static file").isEqualTo(200);
        responses.forEach((kind, response) -> {
            List<String> policies = response.headers().allValues("Content-Security-Policy");
            softly.assertThat(policies).as("one CSP on the %s (%s)", kind, response.uri()).hasSize(1);
            softly.assertThat(policies).as("CSP on the %s", kind).allSatisfy(policy -> assertThat(policy)
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .contains("object-src 'none'")
                    .doesNotContain("unsafe-eval")
                    .doesNotContainPattern("script-src[^;]*unsafe-inline"));
            softly.assertThat(response.headers().allValues("X-Content-Type-Options")).as("nosniff on the %s", kind)
                    .containsExactly("nosniff");
            softly.assertThat(response.headers().allValues("X-Frame-Options")).as("X-Frame-Options on the %s", kind)
                    .containsExactly("DENY");
            softly.assertThat(response.headers().allValues("Referrer-Policy")).as("Referrer-Policy on the %s", kind)
                    .containsExactly("strict-origin-when-cross-origin");
        });
        softly.assertAll();
    }

    /**
     * The one framable document, where Mermaid draws a diagram: framed by our own pages only, inline styles allowed
     * (Mermaid's SVG needs them) but scripts still only ours; every other response keeps the strict policy above.
     */
    @Test
    void theDiagramFrameHasAPolicyOfItsOwnAndNothingElseDoes() {
        HttpResponse<String> frame = get(plainClient(), "/static/diagram.html", "text/html");
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.headers().allValues("Content-Security-Policy")).singleElement().satisfies(policy ->
                assertThat(policy).contains("default-src 'none'").contains("script-src 'self'")
                        .contains("style-src 'self' 'unsafe-inline'").contains("frame-ancestors 'self'")
                        .doesNotContainPattern("script-src[^;]*unsafe").doesNotContain("connect-src"));
        assertThat(frame.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
        for (String path : List.of("/static/diagram.js", "/static/diagram.html/", "/static/markdown.js",
                "/static/diagram.html.x")) {
            HttpResponse<String> other = get(plainClient(), path, "*/*");
            assertThat(other.headers().allValues("Content-Security-Policy")).as(path).singleElement()
                    .satisfies(policy -> assertThat(policy).contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline"));
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        HttpResponse<String> login = get(plainClient(), "/login", "text/html");

        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = sessionCookie(login);
        assertThat(cookie).as("session cookie over plain HTTP").containsIgnoringCase("; HttpOnly")
                .contains("; SameSite=Lax").doesNotContainIgnoringCase("; Secure");
    }

    @Test
    void theSessionCookieIsSecureBehindAnHttpsProxyOnLoopback() {
        HttpResponse<String> login = send(plainClient(), request("/login", "text/html")
                .header("X-Forwarded-Proto", "https").build());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(sessionCookie(login)).as("session cookie behind an HTTPS proxy").containsIgnoringCase("; Secure")
                .containsIgnoringCase("; HttpOnly").contains("; SameSite=Lax");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenForTheRightPassword() {
        TestUser user = Fixtures.newUser();
        HttpClient browser = browserClient();

        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<String> wrong = logIn(browser, user.username(), "wrong-password-" + attempt);
            assertThat(wrong.statusCode()).as("wrong password #%d: %s", attempt, wrong.body()).isEqualTo(401);
            assertThat(wrong.body()).contains("The username or password is wrong.");
        }
        for (int attempt = 6; attempt <= 7; attempt++) {
            HttpResponse<String> refused = logIn(browser, user.username(), "wrong-password-" + attempt);
            assertThat(refused.statusCode()).as("wrong password #%d: %s", attempt, refused.body()).isEqualTo(429);
            assertThat(refused.body()).contains("Too many failed sign-ins; try again in 1 minute.")
                    .doesNotContain("The username or password is wrong.");
            assertThat(refused.headers().firstValue("Retry-After")).as("Retry-After")
                    .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        }

        HttpResponse<String> right = logIn(browser, user.username(), user.password());
        assertThat(right.statusCode()).as("the right password while locked: %s", right.body()).isEqualTo(429);
        HttpResponse<String> account = get(browser, "/account", "text/html");
        assertThat(account.statusCode()).as("/account after the refused sign-in").isEqualTo(303);
        assertThat(account.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/login"));

        // Only that account is locked: the same client (a loopback proxy, so an address shared by everyone) still
        // signs others in.
        TestUser other = Fixtures.newUser();
        HttpResponse<String> otherLogin = logIn(browserClient(), other.username(), other.password());
        assertThat(otherLogin.statusCode()).as("another account from the same address: %s", otherLogin.body())
                .isEqualTo(303);
    }

    @Test
    void addressHeadersFromTheLoopbackProxyDoNotChangeTheClientAddress() {
        // The throttle counts failures per client address, except for loopback peers (a proxy everyone shares).
        // Were any of these headers believed, the peer would become 203.0.113.9 and its 20 failures would lock it.
        // The last one is a valid name the RemoteIpValve was once set to read (any client can send it).
        String[] spoofed = {"X-Forwarded-For", "203.0.113.9", "X-Real-IP", "203.0.113.9",
            "X-Wikifarm-Unused-Remote-Ip", "203.0.113.9"};
        HttpClient browser = browserClient();

        for (int attempt = 1; attempt <= 21; attempt++) {
            HttpResponse<String> wrong = logIn(browser, Fixtures.randomName("nobody", 12), "wrong-password", spoofed);
            assertThat(wrong.statusCode()).as("unknown account #%d with address headers: %s", attempt, wrong.body())
                    .isEqualTo(401);
        }
    }

    /** GET /login for the form's CSRF token, then POST the form with the same cookie jar (and extra headers). */
    private static HttpResponse<String> logIn(HttpClient browser, String username, String password,
                                              String... headers) {
        HttpResponse<String> form = send(browser, withHeaders(request("/login", "text/html"), headers).GET().build());
        assertThat(form.statusCode()).as("GET /login").isEqualTo(200);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as("a CSRF token in the login form").isTrue();
        String body = Map.of("csrf", csrf.group(1), "username", username, "password", password).entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(browser, withHeaders(request("/login", "text/html"), headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID=")).toList();
        assertThat(cookies).as("a session cookie from %s", response.uri()).hasSize(1);
        return cookies.get(0);
    }

    /** No cookie jar: every request starts without a session, so each answer shows its own Set-Cookie. */
    private static HttpClient plainClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** A cookie jar and no automatic redirects, like one browser tab whose redirects we look at. */
    private static HttpClient browserClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static HttpRequest.Builder request(String path, String accept) {
        return HttpRequest.newBuilder(URI.create(ApiClient.BASE + path)).timeout(TIMEOUT).header("Accept", accept);
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... namesAndValues) {
        return namesAndValues.length == 0 ? request : request.headers(namesAndValues);
    }

    private static HttpResponse<String> get(HttpClient client, String path, String accept) {
        return send(client, request(path, accept).GET().build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.uri(), e);
        }
    }
}
