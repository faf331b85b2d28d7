package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Usernames and custom slugs are one namespace, through the real server: each refuses a name the other holds, with a
 * 409 and nothing changed, and a sign-up racing a settings change for one name never lets both in.
 */
class HostNamesIT {

    @Test
    void aSignUpCannotTakeAWikisCustomSlug() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        String name = Fixtures.randomName("c", 12);

        ApiResponse set = setCustomSlug(owner.client(), wiki, name).expect(200);
        assertThat(set.text("custom_slug")).isEqualTo(name);

        Fixtures.signUp(name, "long-enough-password").expectError(409, "username_taken");
        ApiClient.as(name, "long-enough-password").get("/api/v1/me").expect(401);
        assertThat(owner.client().get("/api/v1/wikis").expect(200).json().findValuesAsText("custom_slug"))
                .contains(name);
    }

    @Test
    void aCustomSlugCannotBeAUsernameOrAnotherWikisSlugAndChangesNothing() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        TestUser someone = Fixtures.newUser();

        ApiResponse refused = owner.client().put(wiki.api() + "/settings",
                Map.of("custom_slug", someone.username(), "display_name", "Should not change"));

        refused.expectError(409, "name_taken");
        ApiResponse settings = owner.client().get(wiki.api() + "/settings").expect(200);
        assertThat(settings.json().path("custom_slug").isNull()).as("%s", settings).isTrue();
        assertThat(settings.text("display_name")).isEqualTo(wiki.slug());
        setCustomSlug(owner.client(), wiki, owner.username()).expectError(409, "name_taken");

        String name = Fixtures.randomName("c", 12);
        setCustomSlug(owner.client(), wiki, name).expect(200);
        TestWiki other = Fixtures.newWiki(someone, false);
        setCustomSlug(someone.client(), other, name).expectError(409, "name_taken");
        // Giving the name up frees it for anyone.
        setCustomSlug(owner.client(), wiki, "").expect(200);
        setCustomSlug(someone.client(), other, name).expect(200);
    }

    @Test
    void customSlugRulesAre400AndOnlyTheWikisAdministratorsMaySetIt() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        TestUser stranger = Fixtures.newUser();
        String name = Fixtures.randomName("c", 12);

        setCustomSlug(owner.client(), wiki, "Not A Slug").expectError(400, "invalid_slug");
        setCustomSlug(owner.client(), wiki, "admin").expectError(400, "reserved_slug");
        setCustomSlug(stranger.client(), wiki, name).expectError(403, "forbidden");
        setCustomSlug(ApiClient.anonymous(), wiki, name).expectJsonError(401);
        String editorToken = owner.client().post(wiki.api() + "/tokens", Map.of("name", "bot", "role", "editor"))
                .expect(201).text("secret");
        HeaderClient.bearer(editorToken).put(wiki.api() + "/settings", Map.of("custom_slug", name))
                .expectError(403, "forbidden");

        Fixtures.signUp(name, "long-enough-password").expect(201);
    }

    @Test
    void aProxyUserWhoseDerivedNameIsACustomSlugGetsTheNextFreeName() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        String name = Fixtures.randomName("p", 12);
        setCustomSlug(owner.client(), wiki, name).expect(200);

        ApiResponse me = HeaderClient.withHeaders(Map.of("X-Wikifarm-User", "@" + name + ".bsky.social"))
                .get("/api/v1/me").expect(200);

        assertThat(me.text("username")).isEqualTo(name + "-2");
    }

    @Test
    void aSignUpRacingACustomSlugForOneNameNeverLetsBothIn() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        for (int round = 0; round < 8; round++) {
            String name = Fixtures.randomName("r", 12);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<ApiResponse> signUp = CompletableFuture.supplyAsync(() -> {
                await(start);
                return Fixtures.signUp(name, "long-enough-password");
            });
            CompletableFuture<ApiResponse> slug = CompletableFuture.supplyAsync(() -> {
                await(start);
                return setCustomSlug(owner.client(), wiki, name);
            });

            int user = signUp.get().status();
            int custom = slug.get().status();

            assertThat(user == 201 ^ custom == 200).as("exactly one of sign-up (%s) and custom slug (%s) got %s",
                    user, custom, name).isTrue();
            assertThat(user == 201 ? custom : user).as("the loser is told the name is taken").isEqualTo(409);
        }
    }

    private static ApiResponse setCustomSlug(ApiClient client, TestWiki wiki, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("custom_slug", name);
        return client.put(wiki.api() + "/settings", body);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
