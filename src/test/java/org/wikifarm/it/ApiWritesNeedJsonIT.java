package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wikifarm.api.ApiApplications;

/**
 * Every route of both APIs that changes something, found by walking Jersey's model of every resource class (so a
 * route added later is walked too), refuses a body that is not JSON with 415 when the caller's credentials are ones
 * a browser sends by itself: the session cookie, or HTTP Basic credentials the browser remembers.
 */
class ApiWritesNeedJsonIT {
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<String> NOT_JSON = List.of("application/x-www-form-urlencoded", "text/plain",
            "multipart/form-data; boundary=xyz", "application/xml", "application/jsonp");

    private TestUser owner;
    private TestWiki wiki;
    private WebSession browser;

    /** One route: method and the concrete path it was called on. */
    record Route(String method, String path) {
    }

    @BeforeEach
    void signIn() {
        owner = Fixtures.newUser();
        wiki = Fixtures.newWiki(owner, false);
        wiki.pages(owner.client()).create("Home", "# Home\n");
        browser = WebSession.signedIn(owner);
    }

    @Test
    void everyChangingRouteRefusesAFormFromACookieSessionWith415() {
        List<Route> routes = changingRoutes();
        assertThat(routes).as("the walk found the routes").extracting(Route::path)
                .contains(wiki.api() + "/reindex", "/api/v1/users", "/api/v1/wikis", wiki.api() + "/tokens");

        SoftAssertions softly = new SoftAssertions();
        for (Route route : routes) {
            for (String type : NOT_JSON) {
                ApiResponse answer = browser.send(route.method(), route.path(), type, "a=b&csrf=" + browser.csrf());
                softly.assertThat(answer.status()).as("%s %s as %s with the session cookie: %s", route.method(),
                        route.path(), type, answer).isEqualTo(415);
                softly.assertThat(answer.body()).as("%s", answer).contains("\"error\":\"unsupported_media_type\"");
            }
            if (!route.method().equals("DELETE")) {
                ApiResponse bodyless = browser.send(route.method(), route.path(), null, null);
                softly.assertThat(bodyless.status()).as("%s %s without a body or type: %s", route.method(),
                        route.path(), bodyless).isEqualTo(415);
            }
        }
        softly.assertAll();
        // Nothing the forms asked for happened.
        assertThat(wiki.pages(owner.client()).paths(null)).containsExactly("Home");
        assertThat(owner.client().get(wiki.api() + "/tokens").expect(200).array("tokens")).isEmpty();
    }

    @Test
    void everyChangingRouteRefusesAFormWithHttpBasicWith415() {
        SoftAssertions softly = new SoftAssertions();
        for (Route route : changingRoutes()) {
            ApiResponse answer = owner.client().send(route.method(), route.path(), BodyPublishers.ofString("a=b"),
                    "application/x-www-form-urlencoded");
            softly.assertThat(answer.status()).as("%s %s as a form with HTTP Basic: %s", route.method(), route.path(),
                    answer).isEqualTo(415);
        }
        softly.assertAll();
    }

    @Test
    void jsonFromTheSessionStillWorksAndABodylessDeleteIsJudgedOnItsOwn() {
        ApiResponse created = browser.send("POST", wiki.api() + "/tokens", "application/json; charset=utf-8",
                "{\"name\":\"from-the-browser\",\"role\":\"viewer\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        ApiResponse reindex = browser.send("POST", wiki.api() + "/reindex", "application/json", null);
        assertThat(reindex.status()).as("%s", reindex).isEqualTo(202);

        ApiResponse missing = browser.send("DELETE", wiki.api() + "/tokens/aaaaaaaaaaaaaaaa", null, null);
        assertThat(missing.status()).as("a DELETE without a body is not a form: %s", missing).isEqualTo(404);
    }

    /** Every POST, PUT, PATCH and DELETE of both APIs, with its path parameters filled in for this test's wiki. */
    private List<Route> changingRoutes() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : ApiApplications.PLATFORM_RESOURCES) {
            walk(Resource.from(resource), "/api/v1", routes);
        }
        for (Class<?> resource : ApiApplications.WIKI_RESOURCES) {
            walk(Resource.from(resource), wiki.api(), routes);
        }
        return routes;
    }

    private void walk(Resource resource, String prefix, List<Route> routes) {
        String here = join(prefix, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            if (CHANGING.contains(method.getHttpMethod())) {
                routes.add(new Route(method.getHttpMethod(), fill(here)));
            }
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, here, routes);
        }
    }

    private static String join(String prefix, String path) {
        String tail = path == null ? "" : path.replaceAll("^/+|/+$", "");
        return tail.isEmpty() ? prefix : prefix + "/" + tail;
    }

    /** {@code {path: .+}} → an existing page, {@code {username}} → the owner, {@code {id}} → a token id. */
    private String fill(String template) {
        Map<String, String> values = Map.of("path", "Home", "username", owner.username(), "id", "aaaaaaaaaaaaaaaa");
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                out.append(template, at, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            out.append(template, at, open);
            String name = template.substring(open + 1, close).split(":")[0].strip();
            out.append(values.getOrDefault(name, "x"));
            at = close + 1;
        }
        return out.toString();
    }
}
