package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server remembers who may do what (the IT server for 300 seconds), yet every change that affects a decision
 * takes effect on the very next request: each test first makes the server remember the old answer, then changes it
 * and asks again. A missed invalidation would answer from memory and fail here.
 */
class ChangesTakeEffectAtOnceIT {
    private TestUser owner;
    private TestUser member;
    private TestWiki wiki;

    @BeforeEach
    void aPrivateWikiWithAnEditor() {
        owner = Fixtures.newUser();
        member = Fixtures.newUser();
        wiki = Fixtures.newWiki(owner, false);
        owner.client().put(wiki.api() + "/members/" + member.username(), Map.of("role", "editor")).expect(200);
        wiki.pages(owner.client()).create("Home", "# Home\n");
    }

    @Test
    void revokingAndGrantingARole() {
        WebSession session = WebSession.signedIn(member);
        assertThat(session.get(base() + "/Home").status()).isEqualTo(200);
        member.client().get(wiki.page("Home")).expect(200);

        owner.client().delete(wiki.api() + "/members/" + member.username()).expect(204);

        assertThat(session.get(base() + "/Home").status()).isEqualTo(403);
        member.client().get(wiki.page("Home")).expectJsonError(403);

        owner.client().put(wiki.api() + "/members/" + member.username(), Map.of("role", "viewer")).expect(200);

        assertThat(session.get(base() + "/Home").status()).isEqualTo(200);
        wiki.pages(member.client()).put("Home", "viewers do not write", currentRevision()).expectJsonError(403);
    }

    @Test
    void transferringTheWiki() {
        owner.client().get(wiki.api() + "/settings").expect(200);

        owner.client().put(wiki.api() + "/members/" + member.username(), Map.of("role", "owner")).expect(200);

        TestWiki moved = new TestWiki(wiki.id(), member.username(), wiki.slug(), wiki.json());
        assertThat(owner.client().get(wiki.api() + "/settings").status()).as("the old address").isEqualTo(404);
        owner.client().get(moved.api() + "/settings").expectJsonError(403);
        member.client().get(moved.api() + "/settings").expect(200);
    }

    @Test
    void changingTheAccessLevels() {
        HeaderClient visitor = HeaderClient.anonymous();
        HeaderClient stranger = basic(Fixtures.newUser());
        assertThat(visitor.get(wiki.page("Home")).status()).isEqualTo(401);
        assertThat(stranger.get(wiki.page("Home")).status()).isEqualTo(403);

        owner.client().put(wiki.api() + "/settings", Map.of("is_public", true)).expect(200);
        assertThat(visitor.get(wiki.page("Home")).status()).isEqualTo(200);
        assertThat(visitor.get(base() + "/Home").status()).isEqualTo(200);

        owner.client().put(wiki.api() + "/settings", Map.of("read_access", "REGISTERED")).expect(200);
        assertThat(visitor.get(wiki.page("Home")).status()).isEqualTo(401);
        assertThat(visitor.get(base() + "/Home").status()).as("the web UI sends a visitor to sign in").isEqualTo(303);
        assertThat(stranger.get(wiki.page("Home")).status()).isEqualTo(200);

        owner.client().put(wiki.api() + "/settings", Map.of("read_access", "APPROVED")).expect(200);
        assertThat(stranger.get(wiki.page("Home")).status()).isEqualTo(403);
    }

    @Test
    void disablingAndEnablingAnAccount() {
        WebSession session = WebSession.signedIn(member);
        assertThat(session.get(base() + "/Home").status()).isEqualTo(200);
        member.client().get("/api/v1/me").expect(200);

        adminChangesUser("disable", member);

        member.client().get("/api/v1/me").expectJsonError(401);
        assertThat(session.get(base() + "/Home").status()).as("the session is anonymous now: sign in")
                .isEqualTo(303);

        adminChangesUser("enable", member);
        member.client().get("/api/v1/me").expect(200);
    }

    @Test
    void givingAndTakingAdminRights() {
        TestUser other = Fixtures.newUser();
        HeaderClient client = basic(other);
        assertThat(client.get(wiki.page("Home")).status()).isEqualTo(403);
        assertThat(client.get("/api/v1/health").json().has("runtime")).isFalse();

        adminChangesUser("make-admin", other);
        assertThat(client.get(wiki.page("Home")).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/health").json().has("runtime")).isTrue();

        adminChangesUser("remove-admin", other);
        assertThat(client.get(wiki.page("Home")).status()).isEqualTo(403);
        assertThat(client.get("/api/v1/health").json().has("runtime")).isFalse();
    }

    @Test
    void revokingAToken() {
        ApiResponse created = owner.client().post(wiki.api() + "/tokens", Map.of("name", "short-lived",
                "role", "viewer")).expect(201);
        HeaderClient token = HeaderClient.bearer(created.text("secret"));
        assertThat(token.get(wiki.page("Home")).status()).isEqualTo(200);

        owner.client().delete(wiki.api() + "/tokens/" + created.text("id"))
                .expect(204);

        assertThat(token.get(wiki.page("Home")).status()).isEqualTo(401);
    }

    @Test
    void changingAPassword() {
        WebSession here = WebSession.signedIn(member);
        member.client().get("/api/v1/me").expect(200);

        here.submit("/account", Map.of("current_password", member.password(), "new_password", "a-changed-password"))
                .expect(303);

        member.client().get("/api/v1/me").expectJsonError(401);
        ApiClient.as(member.username(), "a-changed-password").get("/api/v1/me").expect(200);
    }

    @Test
    void lettingTheSubscriptionLapse() {
        wiki.pages(member.client()).put("Home", "# Home\nbefore\n", currentRevision()).expect(200);

        WebSession admin = WebSession.signedIn(Fixtures.admin());
        assertThat(admin.submit("/admin/wikis", Map.of("wiki_id", wiki.id(), "payment_status", "lapsed")).status())
                .isEqualTo(303);

        wiki.pages(member.client()).put("Home", "# Home\nafter\n", currentRevision()).expectJsonError(403);
    }

    private String base() {
        return "/" + wiki.owner() + "/" + wiki.slug();
    }

    private String currentRevision() {
        return wiki.pages(owner.client()).get("Home").expect(200).text("revision");
    }

    private static HeaderClient basic(TestUser user) {
        return HeaderClient.basic(user.username(), user.password());
    }

    /** A change on the platform admin screen, confirmed where the screen asks. */
    private static void adminChangesUser(String action, TestUser user) {
        WebSession admin = WebSession.signedIn(Fixtures.admin());
        admin.get("/admin");
        ApiResponse changed = admin.submit("/admin/users", Map.of("username", user.username(), "action", action));
        if (changed.status() == 200) {
            changed = admin.confirm(changed);
        }
        assertThat(changed.status()).as("%s %s: %s", action, user.username(), changed.describe()).isEqualTo(303);
    }
}
