package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.ApiResponse;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.HeaderClient;
import org.wikifarm.it.Pages;
import org.wikifarm.it.TestUser;
import org.wikifarm.it.TestWiki;
import org.wikifarm.it.WebSession;

/**
 * A token never does more than the person who made it may still do on its wiki: disabled on the admin screen, the
 * creator's tokens are refused (403) on REST and MCP, reads and writes alike, until the account is enabled again;
 * an owner who gave the wiki away, or an admin who lost admin rights, keeps for their tokens only what they still
 * have there.
 */
class TokenCreatorIT {

    @Test
    void aTokenStopsWorkingOnRestAndMcpWhileItsCreatorIsDisabled() {
        McpWiki wiki = McpWiki.create();
        HeaderClient token = HeaderClient.bearer(wiki.editor());
        String page = wiki.wiki().page("Home");
        String revision = token.put(page, Pages.body("by the assistant", null, null)).expect(201).text("revision");
        McpHttp session = wiki.editorSession();
        session.call("read_note", Map.of("path", "Home")).structured();

        adminScreen("disable", wiki.owner());

        token.get(page).expectError(403, "forbidden");
        token.put(page, Pages.body("after the creator was disabled", revision, null)).expectError(403, "forbidden");
        assertThat(session.call("read_note", Map.of("path", "Home")).toolError()).startsWith("Permission denied");
        assertThat(session.call("write_note", Map.of("path", "Other", "content", "x")).toolError())
                .startsWith("Permission denied");
        McpHttp fresh = McpHttp.of(wiki.wiki(), wiki.editor());
        fresh.initialize();
        assertThat(fresh.call("read_note", Map.of("path", "Home")).toolError()).startsWith("Permission denied");
        wiki.owner().client().get("/api/v1/me").expectJsonError(401);

        adminScreen("enable", wiki.owner());

        assertThat(token.get(page).expect(200).text("content")).isEqualTo("by the assistant");
        token.put(page, Pages.body("the creator is back", revision, null)).expect(200);
        session.call("write_note", Map.of("path", "Other", "content", "x")).structured();
    }

    @Test
    void anOwnerWhoGaveTheWikiAwayKeepsForTheirTokensOnlyTheirNewRole() {
        McpWiki wiki = McpWiki.create();
        TestUser newOwner = Fixtures.newUser();
        HeaderClient token = HeaderClient.bearer(wiki.editor());
        String page = wiki.wiki().page("Home");
        String revision = token.put(page, Pages.body("v1", null, null)).expect(201).text("revision");
        String members = wiki.wiki().api() + "/members/";

        wiki.owner().client().put(members + newOwner.username(), Map.of("role", "owner")).expect(200);
        // The wiki moved to the new owner's address; the old owner stays on as an editor.
        TestWiki moved = new TestWiki(wiki.wiki().id(), newOwner.username(), wiki.wiki().slug(), null);
        HeaderClient onMoved = HeaderClient.bearer(wiki.editor());
        revision = onMoved.put(moved.page("Home"), Pages.body("v2", revision, null)).expect(200).text("revision");

        newOwner.client().put(moved.api() + "/members/" + wiki.owner().username(), Map.of("role", "viewer"))
                .expect(200);
        assertThat(onMoved.get(moved.page("Home")).expect(200).text("content")).isEqualTo("v2");
        onMoved.put(moved.page("Home"), Pages.body("v3", revision, null)).expectError(403, "forbidden");

        newOwner.client().delete(moved.api() + "/members/" + wiki.owner().username()).expect(204);
        onMoved.get(moved.page("Home")).expectError(403, "forbidden");
        McpHttp mcp = McpHttp.of(moved, wiki.editor());
        mcp.initialize();
        assertThat(mcp.call("read_note", Map.of("path", "Home")).toolError()).startsWith("Permission denied");
    }

    @Test
    void aTokenMadeByAPlatformAdminStopsWhenTheAdminRightsGo() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        TestUser helper = Fixtures.newUser();
        adminScreen("make-admin", helper);
        String secret = helper.client().post(wiki.api() + "/tokens", Map.of("name", "admin-bot", "role", "editor"))
                .expect(201).text("secret");
        HeaderClient token = HeaderClient.bearer(secret);
        token.put(wiki.page("Home"), Pages.body("made by an admin's token", null, null)).expect(201);

        adminScreen("remove-admin", helper);

        token.get(wiki.page("Home")).expectError(403, "forbidden");
        JsonNode tokens = owner.client().get(wiki.api() + "/tokens").expect(200).json().path("tokens");
        assertThat(tokens.findValuesAsText("name")).as("the token is not revoked, only powerless").contains("admin-bot");
    }

    /**
     * A change to a user on the platform admin screen, as the IT server's admin; if the screen asks to confirm the
     * change first, the admin confirms it (the confirmation form's own fields, posted to its own action).
     */
    private static void adminScreen(String action, TestUser user) {
        WebSession admin = WebSession.signedIn(Fixtures.admin());
        admin.get("/admin");
        ApiResponse changed = admin.submit("/admin/users", Map.of("username", user.username(), "action", action));
        if (changed.status() == 200 && changed.body().contains("id=\"confirm-form\"")) {
            String form = changed.body().substring(changed.body().indexOf("id=\"confirm-form\""));
            form = form.substring(0, form.indexOf("</form>"));
            Matcher actionAttribute = Pattern.compile("action=\"([^\"]*)\"").matcher(
                    changed.body().substring(changed.body().lastIndexOf("<form", changed.body().indexOf(
                            "id=\"confirm-form\""))));
            assertThat(actionAttribute.find()).isTrue();
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"")
                    .matcher(form);
            while (hidden.find()) {
                fields.put(hidden.group(1), hidden.group(2).replace("&amp;", "&").replace("&#39;", "'"));
            }
            changed = admin.post(actionAttribute.group(1), fields);
        }
        assertThat(changed.status()).as("%s %s on the admin screen: %s", action, user.username(), changed)
                .isEqualTo(303);
    }
}
