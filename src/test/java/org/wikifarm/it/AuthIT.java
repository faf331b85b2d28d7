package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-up and HTTP Basic authentication through the real server. */
class AuthIT {

    @Test
    void signUpAnswers201WithTheUserAndNeverThePassword() {
        String username = Fixtures.randomName("u", 12);
        String password = Fixtures.randomName("pw-", 20);

        ApiResponse created = Fixtures.signUp(username, password).expect(201);

        assertThat(created.text("username")).isEqualTo(username);
        assertThat(created.json().path("is_admin").isBoolean()).as("is_admin in %s", created).isTrue();
        assertThat(created.json().has("created_at")).as("created_at in %s", created).isTrue();
        assertThat(created.body()).doesNotContain(password);
        assertThat(created.json().has("password")).isFalse();
        assertThat(created.json().has("password_hash")).isFalse();
    }

    @Test
    void duplicateUsernameIs409AndKeepsTheFirstPassword() {
        TestUser user = Fixtures.newUser();

        Fixtures.signUp(user.username(), Fixtures.randomName("other-", 12)).expectJsonError(409);

        user.client().get("/api/v1/me").expect(200);
    }

    @Test
    void wrongPasswordIs401WithAChallenge() {
        TestUser user = Fixtures.newUser();

        ApiResponse me = ApiClient.as(user.username(), user.password() + "x").get("/api/v1/me");

        me.expectJsonError(401);
        assertThat(me.header("WWW-Authenticate")).as("challenge of %s", me)
                .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
    }

    @Test
    void unknownUserIs401() {
        ApiClient.as(Fixtures.randomName("u", 12), "whatever-password").get("/api/v1/me").expectJsonError(401);
    }

    @Test
    void anonymousMeIs401WithTheWikifarmRealm() {
        ApiResponse me = ApiClient.anonymous().get("/api/v1/me");

        me.expectJsonError(401);
        assertThat(me.header("WWW-Authenticate")).as("challenge of %s", me)
                .hasValueSatisfying(value -> assertThat(value).contains("Basic realm=\"wikifarm\""));
    }

    @Test
    void meAnswersTheCallersUsername() {
        TestUser user = Fixtures.newUser();

        ApiResponse me = user.client().get("/api/v1/me").expect(200);

        assertThat(me.text("username")).isEqualTo(user.username());
        assertThat(me.json().path("is_admin").asBoolean()).isFalse();
        assertThat(me.body()).doesNotContain(user.password());
    }

    @Test
    void anonymousPutIs401AndWritesNothing() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);

        ApiResponse put = ApiClient.anonymous().put(wiki.page("Home"), Pages.body("anonymous edit", null, null));

        put.expectJsonError(401);
        assertThat(put.header("WWW-Authenticate")).as("challenge of %s", put)
                .hasValueSatisfying(value -> assertThat(value).contains("Basic realm=\"wikifarm\""));
        wiki.pages(owner.client()).get("Home").expectError(404, "page_not_found");
        assertThat(wiki.pages(owner.client()).paths(null)).isEmpty();
    }

    @Test
    void anonymousCannotCreateAWiki() {
        Fixtures.createWiki(ApiClient.anonymous(), Fixtures.randomName("w", 10), true).expectJsonError(401);
    }

    @Test
    void passwordShorterThanEightCharactersIs400() {
        String username = Fixtures.randomName("u", 12);

        Fixtures.signUp(username, "short7!").expectJsonError(400);

        ApiClient.as(username, "short7!").get("/api/v1/me").expect(401);
        // The name is still free: nothing was written by the failed sign-up.
        Fixtures.signUp(username, "long-enough-password").expect(201);
    }

    @Test
    void signUpWithAnInvalidUsernameIs400NamingTheRule() {
        Fixtures.signUp("Upper" + Fixtures.randomName("", 6), "long-enough-password")
                .expectError(400, "invalid_username");
        Fixtures.signUp("admin", "long-enough-password").expectError(400, "reserved_username");
    }

    @Test
    void signUpWithMissingPasswordIs400() {
        ApiClient.anonymous().post("/api/v1/users", Map.of("username", Fixtures.randomName("u", 12)))
                .expectJsonError(400);
    }
}
