package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signed-in readers share one rendering of a page per HEAD commit and set of rights ({@code web.PageViewCache}), with
 * their own header menu written in per request. So one person's name, CSRF token or admin link must never reach
 * another who views the same page right after them, and the permission decision must still come first on every
 * request: a member removed while the page is cached gets no page on the next request.
 */
class SharedPageViewIT {
    private static final String TEXT = "shared-view-text-7f3a";

    private TestUser owner;
    private TestWiki wiki;
    private String page;
    private String revision;

    @BeforeEach
    void aPrivateWikiWithAPage() {
        owner = Fixtures.newUser();
        wiki = Fixtures.newWiki(owner, false);
        revision = wiki.pages(owner.client()).create("Notes", "# Notes\n\n" + TEXT + "\n");
        page = "/" + wiki.owner() + "/" + wiki.slug() + "/Notes";
    }

    private TestUser member(String role) {
        TestUser member = Fixtures.newUser();
        owner.client().put(wiki.api() + "/members/" + member.username(), Map.of("role", role)).expect(200);
        return member;
    }

    @Test
    void twoMembersViewingThePageOneAfterAnotherEachSeeOnlyTheirOwnMenu() {
        TestUser alice = member("viewer");
        TestUser bob = member("viewer");
        WebSession aliceTab = WebSession.signedIn(alice);
        WebSession bobTab = WebSession.signedIn(bob);
        String aliceToken = aliceTab.csrf();
        String bobToken = bobTab.csrf();
        assertThat(aliceToken).isNotEqualTo(bobToken);

        for (int round = 0; round < 2; round++) {
            String forAlice = aliceTab.get(page).expect(200).body();
            String forBob = bobTab.get(page).expect(200).body();
            assertOwnMenu(forAlice, alice.username(), aliceToken);
            assertOwnMenu(forBob, bob.username(), bobToken);
            assertThat(forAlice).contains(TEXT).doesNotContain(bob.username()).doesNotContain(bobToken);
            assertThat(forBob).contains(TEXT).doesNotContain(alice.username()).doesNotContain(aliceToken);
        }
        assertThat(aliceTab.csrf()).as("the token alice's page carries is her session's").isEqualTo(aliceToken);
        ApiResponse logout = bobTab.submit(Jsoup.parse(bobTab.get(page).body()).getElementById("logout-form")
                .attr("action"), Map.of());
        assertThat(logout.status()).as("bob's logout form works with the token of his page: %s", logout)
                .isEqualTo(303);

        ApiResponse secret = owner.client().post(wiki.api() + "/tokens", Map.of("name", "reader",
                "role", "viewer")).expect(201);
        String forToken = HeaderClient.bearer(secret.text("secret")).get(page).expect(200).body();
        assertThat(forToken).contains(TEXT).doesNotContain(alice.username()).doesNotContain(aliceToken)
                .doesNotContain(bob.username()).doesNotContain(bobToken);
        Document tokenView = Jsoup.parse(forToken);
        assertThat(tokenView.select("#logout-form input[name=csrf]").attr("value")).as("no session, no token")
                .isEmpty();
    }

    @Test
    void theAdminLinkAndNameOfAnAdminNeverReachTheOwnerWhoHasTheSameRights() {
        TestUser admin = Fixtures.admin();
        WebSession adminTab = WebSession.signedIn(admin);
        WebSession ownerTab = WebSession.signedIn(owner);

        Document forAdmin = Jsoup.parse(adminTab.get(page).expect(200).body());
        Document forOwner = Jsoup.parse(ownerTab.get(page).expect(200).body());

        assertThat(forAdmin.getElementById("admin-link")).isNotNull();
        assertThat(forAdmin.getElementById("account-link").text()).isEqualTo(admin.username());
        assertThat(forOwner.getElementById("admin-link")).as("the admin's link in the owner's view").isNull();
        assertThat(forOwner.getElementById("account-link").text()).isEqualTo(owner.username());
        assertThat(forOwner.html()).doesNotContain(adminTab.csrf());
        assertThat(forOwner.getElementById("edit-link")).isNotNull();
        assertThat(forOwner.getElementById("wiki-admin-menu")).isNotNull();
    }

    @Test
    void eachSetOfRightsHasItsOwnViewAndEveryEditShowsAtOnce() {
        TestUser editor = member("editor");
        TestUser viewer = member("viewer");
        WebSession editorTab = WebSession.signedIn(editor);
        WebSession viewerTab = WebSession.signedIn(viewer);

        assertThat(Jsoup.parse(editorTab.get(page).expect(200).body()).getElementById("edit-link")).isNotNull();
        assertThat(Jsoup.parse(viewerTab.get(page).expect(200).body()).getElementById("edit-link"))
                .as("a viewer right after an editor").isNull();

        wiki.pages(owner.client()).update("Notes", "# Notes\n\nchanged-text\n", revision);
        assertThat(viewerTab.get(page).expect(200).body()).contains("changed-text").doesNotContain(TEXT);
        assertThat(editorTab.get(page).expect(200).body()).contains("changed-text").doesNotContain(TEXT);
    }

    @Test
    void aMemberRemovedWhileThePageIsCachedGetsNoPageOnTheNextRequest() {
        TestUser member = member("viewer");
        WebSession tab = WebSession.signedIn(member);
        ApiResponse created = owner.client().post(wiki.api() + "/tokens", Map.of("name", "short-lived",
                "role", "viewer")).expect(201);
        HeaderClient token = HeaderClient.bearer(created.text("secret"));
        assertThat(tab.get(page).expect(200).body()).contains(TEXT);
        assertThat(token.get(page).expect(200).body()).contains(TEXT);
        assertThat(WebSession.signedIn(owner).get(page).expect(200).body()).contains(TEXT);

        owner.client().delete(wiki.api() + "/members/" + member.username()).expect(204);
        owner.client().delete(wiki.api() + "/tokens/" + created.text("id")).expect(204);

        ApiResponse refused = tab.get(page);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(TEXT);
        ApiResponse revoked = token.get(page);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body()).doesNotContain(TEXT);
        ApiResponse anonymous = WebSession.newVisitor().get(page);
        assertThat(anonymous.status()).as("a visitor is sent to sign in").isEqualTo(303);
        assertThat(anonymous.body()).doesNotContain(TEXT);
    }

    @Test
    void anAnonymousReadersWayBackAfterSigningInIsTheirOwnAddress() {
        owner.client().put(wiki.api() + "/settings", Map.of("is_public", true)).expect(200);
        ApiClient anonymous = ApiClient.anonymous();
        String first = anonymous.get(page + "?from=elsewhere-4c1d").expect(200).body();
        assertThat(Jsoup.parse(first).getElementById("login-link").attr("href")).contains("elsewhere-4c1d");

        ApiResponse second = anonymous.get(page).expect(200);
        assertThat(second.body()).contains(TEXT).doesNotContain("elsewhere-4c1d");
        assertThat(second.header("Set-Cookie")).as("no session for anonymous readers").isEmpty();
    }

    private static void assertOwnMenu(String html, String username, String csrf) {
        Document view = Jsoup.parse(html);
        assertThat(view.getElementById("account-link").text()).isEqualTo(username);
        assertThat(view.select("#logout-form input[name=csrf]").attr("value")).isEqualTo(csrf);
        assertThat(view.getElementById("admin-link")).isNull();
        assertThat(html).doesNotContain("wikifarm:user-menu");
    }
}
