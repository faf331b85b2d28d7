package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Platform-database statements per request, counted by the server ({@code platform_statements} of the admin health
 * endpoint), for the figures of docs/benchmarks.md: an anonymous page view, a signed-in page view and an API save with
 * a token, each the first time (nothing about this caller or wiki remembered yet) and again (answers remembered,
 * {@code authCacheSeconds}). The same test runs against the IT server whatever its platform database is: the embedded
 * file by default, PostgreSQL with {@code -Dit.platformDbUrl=jdbc:postgresql://…} (a fresh database: the first
 * account is the IT admin). The figures go to {@code target/platform-statements.md} too.
 */
class PlatformStatementsIT {
    private static final StringBuilder FIGURES = new StringBuilder();
    private static TestUser owner;
    private static TestUser member;
    private static TestWiki wiki;
    private static String token;

    @BeforeAll
    static void aPublicWikiWithAMemberAndAToken() {
        Fixtures.admin();
        owner = Fixtures.newUser();
        member = Fixtures.newUser();
        wiki = Fixtures.newWiki(owner, true);
        owner.client().put(wiki.api() + "/members/" + member.username(), Map.of("role", "editor")).expect(200);
        wiki.pages(owner.client()).create("guide", "# Guide\nSome text.\n");
        token = owner.client().post(wiki.api() + "/tokens", Map.of("name", "statements", "role", "editor"))
                .expect(201).text("secret");
        FIGURES.append("| request | first time | again |\n|---|---:|---:|\n");
    }

    @AfterAll
    static void write() throws IOException {
        String database = System.getProperty("wikifarm.it.platformDb", "");
        String title = "Platform statements per request (" + (database.isBlank() ? "embedded SQLite" : "PostgreSQL")
                + ")\n\n";
        System.out.println(title + FIGURES);
        Files.writeString(Path.of("target", "platform-statements.md"), title + FIGURES + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void anAnonymousPageView() {
        String page = "/" + wiki.owner() + "/" + wiki.slug() + "/guide";
        ApiClient anonymous = ApiClient.anonymous();
        long first = statements(() -> anonymous.get(page).expect(200));
        long again = statements(() -> anonymous.get(page).expect(200));
        record("anonymous page view", first, again);
        assertThat(again).isLessThanOrEqualTo(1);
    }

    @Test
    void aSignedInPageView() {
        String page = "/" + wiki.owner() + "/" + wiki.slug() + "/guide";
        WebSession session = WebSession.signedIn(member);
        long first = statements(() -> assertThat(session.get(page).status()).isEqualTo(200));
        long again = statements(() -> assertThat(session.get(page).status()).isEqualTo(200));
        record("signed-in page view", first, again);
        assertThat(again).isLessThanOrEqualTo(1);
    }

    @Test
    void anApiSaveWithAToken() {
        HeaderClient client = HeaderClient.bearer(token);
        long first = statements(() -> save(client, "first"));
        long again = statements(() -> save(client, "again"));
        record("API page save with a token", first, again);
        assertThat(again).isLessThanOrEqualTo(1);
    }

    private static synchronized void record(String request, long first, long again) {
        FIGURES.append("| ").append(request).append(" | ").append(first).append(" | ").append(again).append(" |\n");
        assertThat(first).as("statements the first time").isLessThanOrEqualTo(12);
    }

    private static void save(HeaderClient client, String what) {
        String revision = client.get(wiki.page("guide")).expect(200).text("revision");
        ApiResponse saved = client.put(wiki.page("guide"), Pages.body("# Guide\n" + what + " " + System.nanoTime()
                + "\n", revision, what));
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
    }

    /** What {@code request} costs in statements, less what reading the counter costs. */
    private static long statements(Runnable request) {
        counter();
        long first = counter();
        long second = counter();
        long reading = second - first;
        request.run();
        return counter() - second - reading;
    }

    private static long counter() {
        JsonNode runtime = Fixtures.admin().client().get("/api/v1/health").expect(200).json().path("runtime");
        assertThat(runtime.has("platform_statements")).as("health for an admin: %s", runtime).isTrue();
        return runtime.path("platform_statements").asLong();
    }
}
