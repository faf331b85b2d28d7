package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Forged requests: a web form posted without the session's CSRF token (or with a wrong one) is refused with 403
 * before anything happens; a wiki's bearer token does nothing on another wiki, nor after it was revoked.
 */
class CsrfIT {

    @Test
    void theEditFormSavesOnlyWithTheSessionsOwnCsrfToken() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        String revision = pages.create("Home", "# Home\nThe original.\n");
        WebSession session = WebSession.signedIn(owner);
        String otherSessionsToken = WebSession.signedIn(Fixtures.newUser()).csrf();
        String edit = base(wiki) + "/-/edit/Home";
        Map<String, String> form = Map.of("content", "# Home\nForged.\n", "revision", revision, "message", "forged");

        ApiResponse without = session.post(edit, form);
        ApiResponse wrong = session.post(edit, with(form, "csrf", flipLastDigit(session.csrf())));
        ApiResponse empty = session.post(edit, with(form, "csrf", ""));
        ApiResponse someoneElses = session.post(edit, with(form, "csrf", otherSessionsToken));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(without.status()).as("no csrf field: %s", without).isEqualTo(403);
        softly.assertThat(wrong.status()).as("a wrong token: %s", wrong).isEqualTo(403);
        softly.assertThat(empty.status()).as("an empty token: %s", empty).isEqualTo(403);
        softly.assertThat(someoneElses.status()).as("another session's token: %s", someoneElses).isEqualTo(403);
        softly.assertThat(without.body()).as("the refusal is the friendly error page")
                .contains("<span id=\"error-status\">403</span>");
        softly.assertAll();
        assertThat(pages.get("Home").expect(200).text("content")).as("Home after the forged posts")
                .isEqualTo("# Home\nThe original.\n");
        assertThat(pages.historyRevisions("Home")).as("no commit by a forged post").containsExactly(revision);

        ApiResponse right = session.submit(edit, Map.of("content", "# Home\nSaved.\n", "revision", revision,
                "message", "with the token"));

        assertThat(right.status()).as("with the session's token: %s", right).isEqualTo(303);
        assertThat(right.header("Location")).hasValue(base(wiki) + "/Home");
        assertThat(pages.get("Home").expect(200).text("content")).isEqualTo("# Home\nSaved.\n");
    }

    /**
     * The one-click takeover: a link gets a signed-in owner to submit a real form, with their own CSRF token, to
     * another action whose fields come from the query string. The fields of a form are read from its body only.
     */
    @Test
    void aFormsFieldsComeFromItsBodyNeverFromTheQueryString() {
        TestUser owner = Fixtures.newUser();
        TestUser attacker = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        WebSession session = WebSession.signedIn(owner);
        session.get(base(wiki) + "/-/members");
        String before = owner.client().get(wiki.api() + "/settings").expect(200).body();
        String query = "?action=transfer&username=" + attacker.username() + "&confirm=on&role=editor"
                + "&display_name=Taken&is_public=on&read_access=ANONYMOUS&write_access=ANONYMOUS";
        // What the edit form sends, aimed by the injected button's formaction at the admin forms.
        Map<String, String> editForm = Map.of("content", "x", "message", "x", "revision", "");

        ApiResponse members = session.submit(base(wiki) + "/-/members" + query, editForm);
        ApiResponse settings = session.submit(base(wiki) + "/-/settings" + query, editForm);
        ApiResponse grant = session.submit(base(wiki) + "/-/members?action=grant&role=editor",
                Map.of("username", attacker.username()));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(members.status()).as("members with fields in the query: %s", members).isEqualTo(400);
        softly.assertThat(settings.status()).as("settings with fields in the query: %s", settings).isEqualTo(400);
        softly.assertThat(grant.status()).as("a grant whose action and role are in the query: %s", grant)
                .isEqualTo(400);
        softly.assertThat(owner.client().get(wiki.api() + "/members").expect(200).body()).as("members")
                .doesNotContain(attacker.username());
        softly.assertThat(owner.client().get(wiki.api() + "/settings").expect(200).body()).as("settings")
                .isEqualTo(before);
        softly.assertThat(attacker.client().get(wiki.api() + "/settings").status()).as("the attacker on the wiki")
                .isEqualTo(403);
        softly.assertAll();
    }

    @Test
    void everyWikiFormRefusesAPostWithoutTheToken() {
        TestUser owner = Fixtures.newUser();
        TestUser someone = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        WebSession session = WebSession.signedIn(owner);
        String before = owner.client().get(wiki.api() + "/settings").expect(200).body();

        Map<String, ApiResponse> answers = new LinkedHashMap<>();
        answers.put("settings", session.post(base(wiki) + "/-/settings", Map.of("display_name", "Forged",
                "read_access", "ANONYMOUS", "write_access", "ANONYMOUS", "attachment_access", "ANONYMOUS",
                "is_public", "on")));
        answers.put("members", session.post(base(wiki) + "/-/members", Map.of("action", "grant",
                "username", someone.username(), "role", "editor")));
        answers.put("tokens", session.post(base(wiki) + "/-/tokens", Map.of("action", "create", "name", "forged",
                "role", "editor")));

        SoftAssertions softly = new SoftAssertions();
        answers.forEach((form, answer) -> softly.assertThat(answer.status())
                .as("the %s form without a CSRF token: %s", form, answer).isEqualTo(403));
        softly.assertThat(owner.client().get(wiki.api() + "/settings").expect(200).body()).as("settings")
                .isEqualTo(before);
        softly.assertThat(owner.client().get(wiki.api() + "/members").expect(200).body()).as("members")
                .doesNotContain(someone.username());
        softly.assertThat(owner.client().get(wiki.api() + "/tokens").expect(200).array("tokens")).as("tokens")
                .isEmpty();
        softly.assertAll();
    }

    @Test
    void anonymousVisitorsOfAWikiEveryoneMayEditGetAWorkingEditForm() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        owner.client().put(wiki.api() + "/settings", Map.of("write_access", "ANONYMOUS")).expect(200);
        String revision = wiki.pages(owner.client()).create("Home", "# Home\nAnyone may edit this.\n");
        WebSession visitor = WebSession.newVisitor();

        ApiResponse form = visitor.get(base(wiki) + "/-/edit/Home");
        assertThat(form.status()).as("the edit form for an anonymous visitor: %s", form).isEqualTo(200);
        assertThat(visitor.csrf()).as("a CSRF token in the edit form an anonymous visitor gets").isNotEmpty();
        ApiResponse saved = visitor.submit(base(wiki) + "/-/edit/Home", Map.of("content", "# Home\nEdited.\n",
                "revision", revision, "message", "anonymous edit"));

        assertThat(saved.status()).as("saving the form: %s", saved).isEqualTo(303);
        assertThat(wiki.pages(owner.client()).get("Home").expect(200).text("content")).isEqualTo("# Home\nEdited.\n");
    }

    @Test
    void aTokenOfOneWikiIs401OnAnotherAndWritesNothing() {
        TestUser owner = Fixtures.newUser();
        TestWiki a = Fixtures.newWiki(owner, false);
        TestWiki b = Fixtures.newWiki(owner, true);
        String revision = b.pages(owner.client()).create("Home", "# B\n");
        HeaderClient tokenOfA = HeaderClient.bearer(newToken(owner, a, "editor").text("secret"));

        tokenOfA.get(a.page("Home")).expectError(404, "page_not_found");
        ApiResponse update = tokenOfA.put(b.page("Home"), Pages.body("# B, by A's token\n", revision, "cross"));
        ApiResponse create = tokenOfA.put(b.page("FromA"), Pages.body("# From A\n", null, "cross"));
        ApiResponse read = tokenOfA.get(b.page("Home"));

        update.expectJsonError(401);
        create.expectJsonError(401);
        read.expectJsonError(401);
        assertThat(update.header("WWW-Authenticate")).as("challenge of %s", update).isPresent();
        assertThat(b.pages(owner.client()).paths(null)).containsExactly("Home");
        assertThat(b.pages(owner.client()).historyRevisions("Home")).containsExactly(revision);
    }

    @Test
    void aRevokedTokenIs401AndWritesNothing() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        ApiResponse issued = newToken(owner, wiki, "editor");
        HeaderClient token = HeaderClient.bearer(issued.text("secret"));
        String revision = token.put(wiki.page("Home"), Pages.body("# Home\nBy the token.\n", null, "token"))
                .expect(201).text("revision");

        owner.client().delete(wiki.api() + "/tokens/" + issued.text("id")).expect(204);

        token.get(wiki.page("Home")).expectJsonError(401);
        token.put(wiki.page("Home"), Pages.body("# Home\nAfter revoking.\n", revision, "revoked")).expectJsonError(401);
        token.put(wiki.page("Other"), Pages.body("# Other\n", null, "revoked")).expectJsonError(401);
        assertThat(wiki.pages(owner.client()).paths(null)).containsExactly("Home");
        assertThat(wiki.pages(owner.client()).historyRevisions("Home")).containsExactly(revision);
        assertThat(owner.client().get(wiki.api() + "/tokens").expect(200).array("tokens")).isEmpty();
    }

    private static ApiResponse newToken(TestUser owner, TestWiki wiki, String role) {
        return owner.client().post(wiki.api() + "/tokens", Map.of("name", Fixtures.randomName("t-", 8), "role", role))
                .expect(201);
    }

    private static String base(TestWiki wiki) {
        return "/" + wiki.owner() + "/" + wiki.slug();
    }

    private static Map<String, String> with(Map<String, String> form, String field, String value) {
        Map<String, String> copy = new LinkedHashMap<>(form);
        copy.put(field, value);
        return copy;
    }

    /** The same token with its last hex digit changed: as long and as plausible, but wrong. */
    private static String flipLastDigit(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0');
    }
}
