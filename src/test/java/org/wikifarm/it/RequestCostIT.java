package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one signed-in request costs the server, counted by the server itself (the admin health endpoint's
 * {@code platform_statements} and {@code permission_evaluations}): a page view and an API save decide what the caller
 * may do once, however many checks the request makes (service, screen, layout), and query the platform database at
 * most once (in practice never: the caller, their role, their token and the wiki are remembered after the session's
 * first request; the most a request writes is a wiki's or a token's last use, once a minute).
 *
 * <p>Each cost is the counters' difference around the request, less what reading the counters costs (measured the
 * same way just before). The IT server remembers answers for 300 seconds, so nothing expires in between.
 */
class RequestCostIT {
    private static TestUser member;
    private static TestWiki wiki;
    private static String token;
    private static WebSession session;

    /** The counters, or their difference. */
    private record Cost(long statements, long evaluations) {
        Cost minus(Cost other) {
            return new Cost(statements - other.statements, evaluations - other.evaluations);
        }
    }

    @BeforeAll
    static void aMemberOfAPrivateWiki() {
        TestUser owner = Fixtures.newUser();
        member = Fixtures.newUser();
        wiki = Fixtures.newWiki(owner, false);
        owner.client().put(wiki.api() + "/members/" + member.username(), Map.of("role", "editor")).expect(200);
        wiki.pages(owner.client()).create("Home", "# Home\nSee [[guide]].\n");
        wiki.pages(owner.client()).create("guide", "# Guide\nBack [[Home]].\n");
        token = owner.client().post(wiki.api() + "/tokens", Map.of("name", "cost", "role", "editor")).expect(201)
                .text("secret");
        session = WebSession.signedIn(member);
    }

    @Test
    void aSignedInPageViewDecidesOnceAndQueriesAtMostOnce() {
        String page = "/" + wiki.owner() + "/" + wiki.slug() + "/guide";
        assertThat(session.get(page).status()).isEqualTo(200);

        Cost cost = cost(() -> {
            ApiResponse view = session.get(page);
            assertThat(view.status()).as("%s", view).isEqualTo(200);
            assertThat(view.body()).contains("id=\"page-title\"").contains("id=\"logout-form\"");
        });

        assertThat(cost.evaluations()).as("permission decisions for one page view").isEqualTo(1);
        assertThat(cost.statements()).as("platform statements for one page view").isLessThanOrEqualTo(1);
    }

    @Test
    void aPageViewWithABearerTokenDecidesOnceAndQueriesAtMostOnce() {
        String page = "/" + wiki.owner() + "/" + wiki.slug() + "/guide";
        HeaderClient client = HeaderClient.bearer(token);
        assertThat(client.get(page).status()).isEqualTo(200);

        Cost cost = cost(() -> assertThat(client.get(page).status()).isEqualTo(200));

        assertThat(cost.evaluations()).isEqualTo(1);
        assertThat(cost.statements()).isLessThanOrEqualTo(1);
    }

    @Test
    void anApiSaveWithABearerTokenDecidesOnceAndQueriesAtMostOnce() {
        HeaderClient client = HeaderClient.bearer(token);
        save(client, revision(client), "warm-up");
        String revision = revision(client);

        Cost cost = cost(() -> save(client, revision, "measured"));

        assertThat(cost.evaluations()).as("permission decisions for one API save").isEqualTo(1);
        assertThat(cost.statements()).as("platform statements for one API save").isLessThanOrEqualTo(1);
    }

    @Test
    void anApiSaveWithHttpBasicDecidesOnceAndQueriesAtMostOnce() {
        HeaderClient client = HeaderClient.basic(member.username(), member.password());
        save(client, revision(client), "warm-up");
        String revision = revision(client);

        Cost cost = cost(() -> save(client, revision, "measured"));

        assertThat(cost.evaluations()).isEqualTo(1);
        assertThat(cost.statements()).isLessThanOrEqualTo(1);
    }

    private static String revision(HeaderClient client) {
        return client.get(wiki.page("guide")).expect(200).text("revision");
    }

    private static void save(HeaderClient client, String revision, String what) {
        ApiResponse saved = client.put(wiki.page("guide"), Pages.body("# Guide\n" + what + " " + System.nanoTime()
                + "\n", revision, what));
        assertThat(saved.status()).as("%s", saved).isEqualTo(200);
    }

    /** What {@code request} costs, less what reading the counters costs. */
    private static Cost cost(Runnable request) {
        counters();
        Cost first = counters();
        Cost second = counters();
        Cost reading = second.minus(first);
        request.run();
        Cost after = counters();
        return after.minus(second).minus(reading);
    }

    private static Cost counters() {
        JsonNode runtime = Fixtures.admin().client().get("/api/v1/health").expect(200).json().path("runtime");
        assertThat(runtime.has("platform_statements")).as("health for an admin: %s", runtime).isTrue();
        return new Cost(runtime.path("platform_statements").asLong(), runtime.path("permission_evaluations").asLong());
    }
}
