package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The most dangerous changes ask on a screen of their own, and only a POST from that screen makes them: a form of ours
 * submitted elsewhere (the one-click takeover) at most opens the confirmation; a confirmation is good for exactly the
 * fields it showed, in the session it was shown in.
 */
class ConfirmationIT {

    @Test
    void transferringAWikiAsksFirstAndAConfirmationIsGoodOnlyForWhatItShowed() {
        TestUser owner = Fixtures.newUser();
        TestUser friend = Fixtures.newUser();
        TestUser attacker = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        WebSession session = WebSession.signedIn(owner);
        session.get(base(wiki) + "/-/members");

        ApiResponse screen = session.submit(base(wiki) + "/-/members", Map.of("action", "transfer",
                "username", friend.username(), "confirm", "on"));
        assertConfirmation(screen, "Give this wiki to " + friend.username());
        assertThat(owner.client().get(wiki.api() + "/members").expect(200).body()).as("nothing changed yet")
                .doesNotContain(friend.username());

        // The code of this screen with another user swapped in: asks again, transfers nothing.
        Map<String, String> swapped = hiddenFields(screen);
        swapped.put("username", attacker.username());
        assertConfirmation(session.post(base(wiki) + "/-/members", swapped), "Give this wiki to "
                + attacker.username());
        // The same confirmation from another session: asks again.
        WebSession other = WebSession.signedIn(owner);
        other.get(base(wiki) + "/-/members");
        Map<String, String> elsewhere = hiddenFields(screen);
        elsewhere.put("csrf", other.csrf());
        assertConfirmation(other.post(base(wiki) + "/-/members", elsewhere), "Give this wiki to "
                + friend.username());
        assertThat(friend.client().get("/api/v1/wikis").expect(200).body()).as("still not transferred")
                .doesNotContain("\"owner\":\"" + friend.username() + "\"");

        ApiResponse done = session.confirm(screen);
        assertThat(done.status()).as("confirmed: %s", done.describe()).isEqualTo(303);
        assertThat(friend.client().get("/" + friend.username() + "/" + wiki.slug() + "/api/v1/members").expect(200)
                .body()).contains("\"username\":\"" + friend.username() + "\",\"role\":\"owner\"");
    }

    @Test
    void revokingDeletingAndOpeningAWikiAskFirst() {
        TestUser owner = Fixtures.newUser();
        TestUser member = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        owner.client().put(wiki.api() + "/members/" + member.username(), Map.of("role", "editor")).expect(200);
        String tokenId = owner.client().post(wiki.api() + "/tokens", Map.of("name", "laptop", "role", "viewer"))
                .expect(201).text("id");
        String revision = wiki.pages(owner.client()).create("Doomed", "# Doomed\n");
        WebSession session = WebSession.signedIn(owner);
        session.get(base(wiki) + "/-/members");

        ApiResponse revoke = session.submit(base(wiki) + "/-/members", Map.of("action", "revoke",
                "username", member.username()));
        assertConfirmation(revoke, "Remove " + member.username());
        assertThat(owner.client().get(wiki.api() + "/members").expect(200).body()).contains(member.username());
        assertThat(session.confirm(revoke).status()).isEqualTo(303);
        assertThat(owner.client().get(wiki.api() + "/members").expect(200).body()).doesNotContain(member.username());

        ApiResponse token = session.submit(base(wiki) + "/-/tokens", Map.of("action", "revoke", "id", tokenId));
        assertConfirmation(token, "Revoke this token");
        assertThat(owner.client().get(wiki.api() + "/tokens").expect(200).array("tokens")).hasSize(1);
        assertThat(session.confirm(token).status()).isEqualTo(303);
        assertThat(owner.client().get(wiki.api() + "/tokens").expect(200).array("tokens")).isEmpty();

        // The delete screen is the confirmation; a POST that did not come from it asks first.
        ApiResponse delete = session.submit(base(wiki) + "/-/delete/Doomed", Map.of("revision", revision));
        assertConfirmation(delete, "Delete Doomed");
        wiki.pages(owner.client()).get("Doomed").expect(200);
        assertThat(session.confirm(delete).status()).isEqualTo(303);
        wiki.pages(owner.client()).get("Doomed").expect(404);

        Map<String, String> open = new LinkedHashMap<>(Map.of("display_name", "Open", "is_public", "on",
                "read_access", "ANONYMOUS", "write_access", "APPROVED", "attachment_access", "APPROVED"));
        ApiResponse settings = session.submit(base(wiki) + "/-/settings", open);
        assertConfirmation(settings, "Open this wiki");
        assertThat(owner.client().get(wiki.api() + "/settings").expect(200).json().path("is_public").asBoolean())
                .isFalse();
        assertThat(session.confirm(settings).status()).isEqualTo(303);
        assertThat(owner.client().get(wiki.api() + "/settings").expect(200).json().path("is_public").asBoolean())
                .isTrue();
        // Closing it again, or renaming it, asks nothing.
        ApiResponse rename = session.submit(base(wiki) + "/-/settings", Map.of("display_name", "Renamed",
                "read_access", "APPROVED", "write_access", "APPROVED", "attachment_access", "APPROVED"));
        assertThat(rename.status()).as("closing the wiki: %s", rename.describe()).isEqualTo(303);
    }

    @Test
    void makingAPlatformAdminOrDisablingAnAccountAsksFirst() {
        TestUser someone = Fixtures.newUser();
        WebSession admin = WebSession.signedIn(Fixtures.admin());
        admin.get("/admin");

        ApiResponse make = admin.submit("/admin/users", Map.of("username", someone.username(), "action",
                "make-admin"));
        assertConfirmation(make, "Make " + someone.username() + " a platform admin");
        assertThat(someone.client().get("/api/v1/me").expect(200).json().path("is_admin").asBoolean()).isFalse();
        assertThat(admin.confirm(make).status()).isEqualTo(303);
        assertThat(someone.client().get("/api/v1/me").expect(200).json().path("is_admin").asBoolean()).isTrue();

        ApiResponse remove = admin.submit("/admin/users", Map.of("username", someone.username(), "action",
                "remove-admin"));
        assertConfirmation(remove, "Take platform admin rights from " + someone.username());
        assertThat(admin.confirm(remove).status()).isEqualTo(303);

        ApiResponse disable = admin.submit("/admin/users", Map.of("username", someone.username(), "action",
                "disable"));
        assertConfirmation(disable, "Disable " + someone.username());
        assertThat(someone.client().get("/api/v1/me").status()).as("not disabled before confirming").isEqualTo(200);
        assertThat(admin.confirm(disable).status()).isEqualTo(303);
        assertThat(someone.client().get("/api/v1/me").status()).as("disabled").isEqualTo(401);
    }

    private static void assertConfirmation(ApiResponse response, String question) {
        assertThat(response.status()).as("status of %s", response.describe()).isEqualTo(200);
        assertThat(response.body()).as("a confirmation screen: %s", response.describe())
                .contains("id=\"confirm-form\"").contains(question);
    }

    private static Map<String, String> hiddenFields(ApiResponse screen) {
        Map<String, String> fields = new LinkedHashMap<>();
        org.jsoup.Jsoup.parse(screen.body()).select("#confirm-form input[type=hidden]")
                .forEach(input -> fields.put(input.attr("name"), input.attr("value")));
        return fields;
    }

    private static String base(TestWiki wiki) {
        return "/" + wiki.owner() + "/" + wiki.slug();
    }
}
