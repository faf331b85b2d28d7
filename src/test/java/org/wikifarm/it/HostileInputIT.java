package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paths, bodies and names an attacker or a broken client might send. Every one must be refused with a JSON error
 * (or, for encodings Tomcat refuses before the application sees them, Tomcat's own 400), write nothing, and never
 * show a stack trace. The shared wiki is only ever read or refused, and each test compares its state before and
 * after, so the tests do not depend on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {
    private static final int LIMIT = 1_048_576;

    private TestUser owner;
    private TestWiki wiki;
    private Pages pages;

    @BeforeAll
    void createWiki() {
        owner = Fixtures.newUser();
        wiki = Fixtures.newWiki(owner, false);
        pages = wiki.pages(owner.client());
        pages.create("Home", "# Home\nThe only page.\n");
    }

    /** A raw URL tail after {@code /pages/}; {@code tomcatMayRefuse} when Tomcat may answer 400 by itself. */
    static Stream<Arguments> hostileUrlPaths() {
        String segment256 = "a".repeat(256);
        String path1001 = "a".repeat(250) + "/" + "b".repeat(250) + "/" + "c".repeat(250) + "/" + "d".repeat(248);
        assertThat(path1001.getBytes(StandardCharsets.UTF_8)).hasSize(1001);
        return Stream.of(
                Arguments.of("dot-dot inside", "a/../Escaped", false),
                Arguments.of("dot-dot first", "../Escaped", false),
                Arguments.of("dot-dot escaping the root", "../../../../../../etc/passwd", true),
                Arguments.of("encoded dot-dot", "%2e%2e/Escaped", false),
                Arguments.of("encoded dot-dot inside", "a/%2E%2E/Escaped", false),
                Arguments.of("encoded dot-dot escaping the root", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", true),
                Arguments.of("dot segment", "./Escaped", false),
                Arguments.of("leading slash", "/Escaped", false),
                Arguments.of("empty segment", "a//Escaped", false),
                Arguments.of("trailing slash", "Escaped/", false),
                Arguments.of("encoded slash", "..%2FEscaped", true),
                Arguments.of("backslash", "a%5CEscaped", true),
                Arguments.of("backslash dot-dot", "..%5CEscaped", true),
                Arguments.of("NUL", "a%00Escaped", true),
                Arguments.of("control character", "a%01Escaped", false),
                Arguments.of("DEL", "a%7FEscaped", false),
                Arguments.of(".git segment", ".git/config", false),
                Arguments.of(".git inside", "x/.git/HEAD", false),
                Arguments.of("dot-leading segment", ".Escaped", false),
                Arguments.of("256-byte segment", segment256, false),
                Arguments.of("1001-byte path", path1001, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileUrlPaths")
    void hostilePagePathInTheUrlIs400AndWritesNothing(String label, String raw, boolean tomcatMayRefuse) {
        State before = state();
        String url = wiki.api() + "/pages/" + raw;

        List<ApiResponse> answers = List.of(
                owner.client().put(url, Pages.body("hostile " + label, null, null)),
                owner.client().get(url),
                owner.client().delete(url),
                owner.client().put(wiki.api() + "/drafts/" + raw, Map.of("content", "hostile")));

        assertThat(state()).isEqualTo(before);
        SoftAssertions softly = new SoftAssertions();
        answers.forEach(answer -> refused(softly, answer, tomcatMayRefuse));
        softly.assertAll();
    }

    /**
     * Climbs out of the wiki's API into the web application itself. Tomcat normalises the request URI so the
     * request still looks like one inside a wiki; nothing the server does afterwards (forwarding, dispatching) may
     * turn the climb into access to WEB-INF or to another servlet.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "../../../../WEB-INF/web.xml",
            "../../../../WEB-INF/classes/logback.xml",
            "a/../../../../../WEB-INF/web.xml",
            "../../../../META-INF/MANIFEST.MF"})
    void dotDotNeverReachesTheWebApplicationsOwnFiles(String climb) {
        State before = state();

        List<ApiResponse> answers = List.of(
                owner.client().get(wiki.api() + "/pages/" + climb),
                ApiClient.anonymous().get(wiki.api() + "/pages/" + climb),
                owner.client().get(wiki.api() + "/" + climb.substring(3)));

        SoftAssertions softly = new SoftAssertions();
        for (ApiResponse answer : answers) {
            softly.assertThat(answer.status()).as("status of %s", answer).isIn(400, 404);
            softly.assertThat(answer.body()).as("body of %s", answer)
                    .doesNotContain("<web-app", "<configuration", "Manifest-Version");
        }
        softly.assertAll();
        assertThat(state()).isEqualTo(before);
    }

    static Stream<Arguments> hostileQueryPaths() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("dot-dot", "../Escaped"),
                Arguments.of("dot-dot inside", "a/../Escaped"),
                Arguments.of("dot", "./Escaped"),
                Arguments.of("leading slash", "/Escaped"),
                Arguments.of("trailing slash", "Escaped/"),
                Arguments.of("empty segment", "a//Escaped"),
                Arguments.of("backslash", "a\\Escaped"),
                Arguments.of("backslash dot-dot", "..\\Escaped"),
                Arguments.of("NUL", "a\u0000Escaped"),
                Arguments.of("control character", "a\u0001Escaped"),
                Arguments.of("newline", "a\nEscaped"),
                Arguments.of(".git", ".git/config"),
                Arguments.of(".git inside", "x/.git/HEAD"),
                Arguments.of(".GIT upper case", "x/.GIT/HEAD"),
                Arguments.of("leading space", " Escaped"),
                Arguments.of("256-byte segment", "é".repeat(128)),
                Arguments.of("1001-byte path", "a".repeat(250) + "/" + "b".repeat(250) + "/" + "c".repeat(250)
                        + "/" + "d".repeat(248)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileQueryPaths")
    void hostilePagePathInTheQueryFormIs400InvalidPath(String label, String path) {
        State before = state();
        String url = wiki.api() + "/page?path=" + Fixtures.encodeQuery(path);

        owner.client().put(url, Pages.body("hostile " + label, null, null)).expectError(400, "invalid_path");
        owner.client().get(url).expectError(400, "invalid_path");
        owner.client().delete(url).expectError(400, "invalid_path");
        pages.rename("Home", path).expectError(400, "invalid_path");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void pathsOfExactlyTheLimitsAreAccepted() {
        TestWiki scratch = Fixtures.newWiki(owner, false);
        Pages scratchPages = scratch.pages(owner.client());
        String segment255 = "é".repeat(127) + "a";
        String path1000 = "a".repeat(250) + "/" + "b".repeat(250) + "/" + "c".repeat(250) + "/" + "d".repeat(247);
        assertThat(segment255.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(path1000.getBytes(StandardCharsets.UTF_8)).hasSize(1000);

        scratchPages.create(segment255, "longest name");
        scratchPages.create(path1000, "longest path");

        assertThat(scratchPages.paths(null)).containsExactlyInAnyOrder(segment255, path1000);
    }

    @Test
    void bodyOverTheLimitIs413AndThePageIsUnchanged() {
        State before = state();
        String revision = pages.get("Home").expect(200).text("revision");
        byte[] huge = json(Pages.body("x".repeat(LIMIT + LIMIT / 2), revision, "too big"));

        owner.client().sendBytes("PUT", wiki.page("Home"), huge).expectJsonError(413);
        owner.client().sendChunked("PUT", wiki.page("Home"), () -> new ByteArrayInputStream(huge))
                .expectJsonError(413);
        owner.client().sendBytes("PUT", wiki.page("Huge"), json(Pages.body("y".repeat(LIMIT + LIMIT / 2), null, null)))
                .expectJsonError(413);
        owner.client().sendBytes("PUT", wiki.api() + "/drafts/Home", json(Map.of("content", "z".repeat(LIMIT + 1))))
                .expectJsonError(413);

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void signUpBodyOverTheLimitIs413() {
        String username = Fixtures.randomName("u", 12);
        byte[] huge = json(Map.of("username", username, "password", "long-enough-password",
                "display_name", "d".repeat(LIMIT + LIMIT / 2)));

        ApiClient.anonymous().sendBytes("POST", "/api/v1/users", huge).expectJsonError(413);

        ApiClient.as(username, "long-enough-password").get("/api/v1/me").expect(401);
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("truncated two-byte sequence", new byte[] {(byte) 0xC3, 0x28}),
                Arguments.of("0xFF", new byte[] {(byte) 0xFF}),
                Arguments.of("lone continuation byte", new byte[] {(byte) 0x80}),
                Arguments.of("overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF}),
                Arguments.of("encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                Arguments.of("truncated at the end", new byte[] {(byte) 0xE2, (byte) 0x82}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUtf8")
    void invalidUtf8InAJsonBodyIs400(String label, byte[] bad) {
        State before = state();
        String revision = pages.get("Home").expect(200).text("revision");
        String page = Fixtures.randomName("Utf8-", 8);

        owner.client().sendBytes("PUT", wiki.page(page), jsonWithRawBytes("{\"content\":\"bad ", bad, "\"}"))
                .expectJsonError(400);
        owner.client().sendBytes("PUT", wiki.page("Home"),
                jsonWithRawBytes("{\"content\":\"bad ", bad, "\",\"revision\":\"" + revision + "\"}"))
                .expectJsonError(400);

        assertThat(state()).isEqualTo(before);
        pages.get(page).expectError(404, "page_not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"content\": \"unterminated\"",
            "{\"content\": \"x\"} trailing garbage",
            "{\"content\": \"x\"}}",
            "not json at all",
            "",
            "{content: \"unquoted key\"}",
            "{\"content\": 'single quotes'}",
            "{\"content\": \"x\",}"})
    void malformedJsonIs400(String body) {
        State before = state();
        String page = Fixtures.randomName("Malformed-", 8);

        owner.client().sendBytes("PUT", wiki.page(page), body.getBytes(StandardCharsets.UTF_8))
                .expectJsonError(400);
        owner.client().sendBytes("POST", "/api/v1/wikis", body.getBytes(StandardCharsets.UTF_8)).expectJsonError(400);

        assertThat(state()).isEqualTo(before);
        pages.get(page).expectError(404, "page_not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"content\": 42}",
            "{\"content\": true}",
            "{\"content\": [\"a\"]}",
            "{\"content\": {\"a\": 1}}",
            "{\"content\": null}",
            "{}",
            "[]",
            "null",
            "\"just a string\"",
            "{\"content\": \"x\", \"message\": 7}",
            "{\"content\": \"x\", \"revision\": 12345}",
            "{\"content\": \"x\", \"message\": [\"m\"]}"})
    void jsonWithWrongTypesIs400(String body) {
        State before = state();
        String page = Fixtures.randomName("WrongTypes-", 8);

        owner.client().sendBytes("PUT", wiki.page(page), body.getBytes(StandardCharsets.UTF_8))
                .expectJsonError(400);

        assertThat(state()).isEqualTo(before);
        pages.get(page).expectError(404, "page_not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"slug\": 12345}",
            "{\"slug\": [\"abcdef\"]}",
            "{\"slug\": \"%s\", \"is_public\": \"yes\"}",
            "{\"slug\": \"%s\", \"is_public\": 1}",
            "{\"slug\": \"%s\", \"display_name\": 5}",
            "{\"is_public\": true}"})
    void wikiWithWrongTypesIs400AndCreatesNothing(String template) {
        String slug = Fixtures.randomName("w", 10);
        List<String> before = ownWikiSlugs();

        ApiResponse refused = owner.client()
                .sendBytes("POST", "/api/v1/wikis", template.replace("%s", slug).getBytes(StandardCharsets.UTF_8));

        refused.expectJsonError(400);
        assertThat(ownWikiSlugs()).isEqualTo(before);
    }

    static Stream<Arguments> badSlugs() {
        return Stream.of(
                Arguments.of("W" + Fixtures.randomName("", 8).toUpperCase(), "invalid_slug", "lowercase"),
                Arguments.of("Ab" + Fixtures.randomName("", 8), "invalid_slug", "lowercase"),
                Arguments.of("ab", "invalid_slug", "3"),
                Arguments.of("w" + Fixtures.randomName("", 30), "invalid_slug", "30"),
                Arguments.of("-" + Fixtures.randomName("", 8), "invalid_slug", "hyphen"),
                Arguments.of(Fixtures.randomName("w", 8) + "-", "invalid_slug", "hyphen"),
                Arguments.of("w_" + Fixtures.randomName("", 8), "invalid_slug", "lowercase"),
                Arguments.of("w." + Fixtures.randomName("", 8), "invalid_slug", "lowercase"),
                Arguments.of("admin", "reserved_slug", "admin"),
                Arguments.of("api", "reserved_slug", "api"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("badSlugs")
    void slugRulesAre400NamingTheRule(String slug, String code, String mentioned) {
        List<String> before = ownWikiSlugs();

        ApiResponse refused = Fixtures.createWiki(owner.client(), slug, true).expectError(400, code);

        assertThat(refused.text("message").toLowerCase()).contains(mentioned);
        assertThat(ownWikiSlugs()).isEqualTo(before);
        ApiClient.anonymous().get("/" + owner.username() + "/" + Fixtures.encodePath(slug) + "/api/v1/pages")
                .expectJsonError(404);
    }

    @Test
    void slugLengthBoundariesAreAccepted() {
        Fixtures.newWiki(owner, Fixtures.randomName("w", 2), false);
        Fixtures.newWiki(owner, Fixtures.randomName("w", 29), false);
    }

    /**
     * A refused request: 400, a JSON error unless Tomcat may have refused it itself, and in any case no trace of
     * the server's internals.
     */
    private static void refused(SoftAssertions softly, ApiResponse response, boolean tomcatMayRefuse) {
        softly.assertThat(response.status()).as("status of %s", response).isEqualTo(400);
        if (!tomcatMayRefuse || response.json() != null) {
            softly.assertThat(response.header("Content-Type")).as("content type of %s", response)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            softly.assertThat(response.json()).as("JSON body of %s", response).isNotNull();
            if (response.json() != null) {
                softly.assertThat(response.json().path("error").asText()).as("error of %s", response).isNotBlank();
                softly.assertThat(response.json().path("message").asText()).as("message of %s", response)
                        .isNotBlank();
            }
            softly.assertThat(response.body()).as("body of %s", response).doesNotContain("Exception", "at org.");
        }
    }

    private State state() {
        ApiResponse home = pages.get("Home").expect(200);
        return new State(pages.paths(null), pages.changelogRevisions(), home.text("content"), home.text("revision"));
    }

    private List<String> ownWikiSlugs() {
        return owner.client().get("/api/v1/wikis?limit=1000").expect(200).array("wikis").stream()
                .filter(w -> w.path("owner").asText().equals(owner.username()))
                .map(w -> w.path("slug").asText())
                .sorted()
                .toList();
    }

    private static byte[] json(Object body) {
        try {
            return ApiClient.JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] jsonWithRawBytes(String head, byte[] raw, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** What a failed request must leave alone. */
    private record State(List<String> pages, List<String> changelog, String homeContent, String homeRevision) {
    }
}
