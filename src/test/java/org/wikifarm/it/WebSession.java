package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The web UI as one browser tab sees it, without a browser: a cookie jar, no automatic redirects (tests look at
 * each 303), and the CSRF token of the last page that carried one, which {@link #submit} sends the way a form
 * would. Answers come back as {@link ApiResponse}s (with no JSON) and are checked for stack traces.
 */
public final class WebSession {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]*)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;
    private String csrf;

    private WebSession(String base) {
        this.base = base;
    }

    /** A browser that has not been to the site yet: no session, no CSRF token. */
    public static WebSession newVisitor() {
        return new WebSession(ApiClient.BASE);
    }

    /** A new visitor of another server than the IT Tomcat, e.g. {@code http://127.0.0.1:40123}. */
    public static WebSession newVisitorOf(String base) {
        return new WebSession(base);
    }

    /**
     * A signed-out visitor who has opened the login form, so their session has a CSRF token: what they post is
     * judged on who they are, not refused as a forgery.
     */
    public static WebSession visitorWithSession() {
        WebSession session = newVisitor();
        assertThat(session.get("/login").status()).as("GET /login").isEqualTo(200);
        assertThat(session.csrf).as("a CSRF token on the login form").isNotEmpty();
        return session;
    }

    /** Signs in through the login form and keeps the new session (signing in replaces the session and token). */
    public static WebSession signedIn(String username, String password) {
        WebSession session = visitorWithSession();
        ApiResponse login = session.submit("/login", Map.of("username", username, "password", password));
        assertThat(login.status()).as("signing in %s: %s", username, login).isEqualTo(303);
        assertThat(session.get("/select").body()).as("the wiki list after signing in %s", username)
                .contains("id=\"account-link\">" + username + "<");
        assertThat(session.csrf).as("a CSRF token for %s's session", username).isNotEmpty();
        return session;
    }

    public static WebSession signedIn(TestUser user) {
        return signedIn(user.username(), user.password());
    }

    /** The CSRF token this tab would send: from the last page that had a non-empty one (null if none yet). */
    public String csrf() {
        return csrf;
    }

    public ApiResponse get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), "GET");
    }

    /** Posts a form as the page would: these fields plus the tab's CSRF token. */
    public ApiResponse submit(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("csrf", csrf == null ? "" : csrf);
        return post(path, withToken);
    }

    /** Posts exactly these fields: no CSRF token unless one of them is called {@code csrf}. */
    public ApiResponse post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "POST");
    }

    /**
     * Presses the confirming button of a confirmation screen ({@code web.Confirmation}): posts its form's hidden
     * fields, exactly as the screen has them, to where the form posts.
     */
    public ApiResponse confirm(ApiResponse screen) {
        assertThat(screen.status()).as("a confirmation screen: %s", screen.describe()).isEqualTo(200);
        org.jsoup.nodes.Element form = org.jsoup.Jsoup.parse(screen.body()).getElementById("confirm-form");
        assertThat(form).as("the confirmation form in %s", screen.describe()).isNotNull();
        Map<String, String> fields = new LinkedHashMap<>();
        for (org.jsoup.nodes.Element input : form.select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        return post(form.attr("action"), fields);
    }

    /**
     * Any request with this tab's cookies, as a script on a page would send it to the API: exactly this method,
     * Content-Type (none if null) and body, asking for JSON.
     */
    public ApiResponse send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, method, "application/json");
    }

    /** This tab's cookies as a {@code Cookie} header, for a request made with another client (binary answers). */
    public String cookieHeader() {
        return cookies.getCookieStore().get(URI.create(base)).stream().map(java.net.HttpCookie::toString)
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** A request with this tab's cookies and these exact bytes (a multipart form, say), asking for HTML. */
    public ApiResponse sendBytes(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        return send(request, method, "text/html");
    }

    private ApiResponse send(HttpRequest.Builder request, String method) {
        return send(request, method, "text/html");
    }

    private ApiResponse send(HttpRequest.Builder request, String method, String accept) {
        HttpRequest built = request.timeout(TIMEOUT).header("Accept", accept).build();
        try {
            var response = http.send(built, BodyHandlers.ofString(StandardCharsets.UTF_8));
            ApiResponse answer = new ApiResponse(method, built.uri().toString(), response.statusCode(),
                    response.headers(), response.body(), null);
            ApiClient.assertNoStackTrace(answer);
            Matcher token = CSRF.matcher(answer.body());
            if (token.find() && !token.group(1).isEmpty()) {
                csrf = token.group(1);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + built.uri(), e);
        }
    }
}
