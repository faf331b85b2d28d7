package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI documents ({@code /api/v1/openapi.json}, {@code <wiki>/api/v1/openapi.json}) against the running
 * server: anyone may read them, every path and method they list answers (is a route: never 405, never the "no such
 * API route" 404), and a wiki's document is the same whatever the wiki, public or private, and carries none of its
 * data. That every resource method is in the document is ApiDescriptionTest's.
 *
 * <p>The routes are called anonymously on a private wiki (and with a JSON body where one is taken), so nothing is
 * changed: each is refused (401) or answered after Jersey matched it, which is what is checked.
 */
class OpenApiIT {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void thePlatformDocumentIsPublicAndEveryRouteInItAnswers() {
        ApiResponse document = ApiClient.anonymous().get("/api/v1/openapi.json").expect(200);
        assertThat(document.json().path("openapi").asText()).startsWith("3.");
        assertThat(document.json().at("/servers/0/url").asText()).isEqualTo("/api/v1");
        assertThat(document.json().at("/paths/~1wikis/post")).as("%s", document).isNotNull();
        List<String> checked = everyRouteAnswers(document.json(), "/api/v1");
        assertThat(checked).contains("POST /api/v1/wikis", "GET /api/v1/health", "GET /api/v1/openapi.json");
    }

    @Test
    void aWikiDocumentIsPublicAndEveryRouteInItAnswers() {
        TestUser owner = Fixtures.newUser();
        TestWiki secret = Fixtures.newWiki(owner, false);
        ApiResponse document = ApiClient.anonymous().get(secret.api() + "/openapi.json").expect(200);
        assertThat(document.json().at("/servers/0/url").asText()).isEqualTo(".");
        List<String> checked = everyRouteAnswers(document.json(), secret.api());
        assertThat(checked).contains("PUT " + secret.api() + "/pages/Home", "GET " + secret.api() + "/changelog",
                "GET " + secret.api() + "/pages/Home/attachments", "PUT " + secret.api()
                        + "/pages/Home/attachments/diagram.png", "POST " + secret.api() + "/pages/Home/attachments");
    }

    /** Cross-tenant: two wikis (another owner, public and private, with pages) get the same document, naming neither. */
    @Test
    void aWikiDocumentIsTheSameForEveryWikiAndNamesNone() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        TestWiki open = Fixtures.newWiki(alice, true);
        TestWiki secret = Fixtures.newWiki(bob, false);
        bob.client().put(secret.page("Plans/Secret-" + secret.slug()), Map.of("content", "classified")).expect(201);

        String first = ApiClient.anonymous().get(open.api() + "/openapi.json").expect(200).body();
        String second = ApiClient.anonymous().get(secret.api() + "/openapi.json").expect(200).body();
        String asOwner = bob.client().get(secret.api() + "/openapi.json").expect(200).body();

        assertThat(second).isEqualTo(first).isEqualTo(asOwner);
        assertThat(second).doesNotContain(secret.slug(), secret.owner(), secret.id(), "Secret-", "classified",
                open.slug(), open.owner(), open.id());
        ApiClient.anonymous().get("/" + bob.username() + "/nosuchwiki/api/v1/openapi.json").expect(404);
    }

    /** Calls every operation of the document anonymously; returns "METHOD path" of each. */
    private static List<String> everyRouteAnswers(JsonNode document, String root) {
        List<String> checked = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String method = op.getKey().toUpperCase(Locale.ROOT);
            String uri = root + fill(path.getKey());
            ApiResponse answer = "GET".equals(method) || "DELETE".equals(method)
                    ? ApiClient.anonymous().send(method, uri, BodyPublishers.noBody(), null)
                    : ApiClient.anonymous().sendBytes(method, uri, "{}".getBytes());
            assertThat(answer.status()).as("%s %s is a route: %s", method, uri, answer).isNotEqualTo(405);
            if (answer.status() == 404) {
                assertThat(answer.json().path("error").asText()).as("%s %s is a route: %s", method, uri, answer)
                        .isNotEqualTo("not_found");
            }
            assertThat(answer.status()).as("%s %s answers: %s", method, uri, answer).isLessThan(500);
            checked.add(method + " " + uri);
        }));
        assertThat(checked).isNotEmpty();
        return checked;
    }

    /** Path parameters: a page name, a username, an id, a revision, a domain. */
    private static String fill(String template) {
        Map<String, String> values = Map.of("path", "Home", "username", "nobody", "id", "aaaaaaaaaaaa",
                "revision", "0000000000000000000000000000000000000000", "domain", "wiki.example.org", "name", "diagram.png");
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                out.append(template, at, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            assertThat(values).as("a value for {%s} in %s", name, template).containsKey(name);
            out.append(template, at, open).append(values.get(name));
            at = close + 1;
        }
        return out.toString();
    }
}
