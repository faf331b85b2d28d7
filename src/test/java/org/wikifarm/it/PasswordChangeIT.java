package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Changing a password on the account screen: the current password is checked (and guessing it is throttled like
 * the login form), a weak new one is refused on the form, and once it is changed every other session that was signed
 * in with the old password is signed out, while the session that changed it stays signed in.
 */
class PasswordChangeIT {
    private static final String NEW_PASSWORD = "a-new-password-42";

    @Test
    void aChangeSignsOutEveryOtherSessionButThisOne() {
        TestUser user = Fixtures.newUser();
        WebSession here = WebSession.signedIn(user);
        WebSession elsewhere = WebSession.signedIn(user);

        ApiResponse wrong = here.submit("/account", Map.of("current_password", "not-my-password",
                "new_password", NEW_PASSWORD)).expect(403);
        assertThat(wrong.body()).contains("id=\"password-problem\"").contains("The current password is wrong.");
        ApiResponse weak = here.submit("/account", Map.of("current_password", user.password(),
                "new_password", "short")).expect(400);
        assertThat(weak.body()).contains("id=\"password-problem\"");
        ApiClient.as(user.username(), user.password()).get("/api/v1/me").expect(200);
        assertThat(elsewhere.get("/account").status()).as("nothing changed yet").isEqualTo(200);

        ApiResponse changed = here.submit("/account", Map.of("current_password", user.password(),
                "new_password", NEW_PASSWORD)).expect(303);
        assertThat(changed.header("Location").orElseThrow()).endsWith("/account?password=changed");
        assertThat(here.get("/account?password=changed").expect(200).body()).contains("id=\"password-changed\"")
                .contains("id=\"account-username\">" + user.username() + "<");

        ApiResponse signedOut = elsewhere.get("/account");
        assertThat(signedOut.status()).as("the other session: %s", signedOut).isEqualTo(303);
        assertThat(signedOut.header("Location").orElseThrow()).contains("/login");
        assertThat(elsewhere.get("/").body()).doesNotContain("id=\"account-link\"");

        ApiClient.as(user.username(), user.password()).get("/api/v1/me").expectJsonError(401);
        ApiClient.as(user.username(), NEW_PASSWORD).get("/api/v1/me").expect(200);
        WebSession.signedIn(user.username(), NEW_PASSWORD);
        assertThat(here.get("/account").status()).as("the session that changed it, still").isEqualTo(200);
    }

    @Test
    void guessingTheCurrentPasswordIsThrottled() {
        TestUser user = Fixtures.newUser();
        WebSession session = WebSession.signedIn(user);
        for (int attempt = 1; attempt <= 5; attempt++) {
            session.submit("/account", Map.of("current_password", "guess-" + attempt, "new_password", NEW_PASSWORD))
                    .expect(403);
        }
        ApiResponse locked = session.submit("/account", Map.of("current_password", user.password(),
                "new_password", NEW_PASSWORD));
        assertThat(locked.status()).as("even the right password while locked: %s", locked).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isPresent();
        assertThat(locked.body()).contains("id=\"password-problem\"");
        assertThat(session.get("/account").status()).as("a lock does not sign the session out").isEqualTo(200);
    }
}
