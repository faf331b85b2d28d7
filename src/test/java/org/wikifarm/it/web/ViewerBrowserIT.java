package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wikifarm.it.ApiClient;
import org.wikifarm.it.ApiResponse;
import org.wikifarm.it.Fixtures;

/**
 * A private wiki's owner lets someone in as a viewer on the members screen: the viewer reads, is offered no way to
 * edit, and cannot save even by posting the edit form directly.
 */
class ViewerBrowserIT {
    @RegisterExtension
    final BrowserExtension chromium = new BrowserExtension();

    @Test
    void aViewerAddedOnTheMembersScreenReadsButCannotEdit() {
        Site site = chromium.site();
        Browser browser = chromium.browser();
        String ownerName = Fixtures.randomName("b", 12);
        String ownerPassword = Fixtures.randomName("pw-", 20);
        String viewerName = Fixtures.randomName("b", 12);
        String viewerPassword = Fixtures.randomName("pw-", 20);
        WikiAddress wiki = new WikiAddress(ownerName, Fixtures.randomName("w", 10));

        site.signUp(ownerName, ownerPassword, ownerName + "@example.org")
                .createWiki(wiki.slug(), "Viewers " + wiki.slug(), false)
                .edit()
                .write("Members only.\n")
                .message("Start the wiki")
                .save();
        logOut(browser);
        site.signUp(viewerName, viewerPassword, viewerName + "@example.org");
        site.error(wiki.page("Home")).assertStatus(403);
        logOut(browser);

        site.logIn(ownerName, ownerPassword);
        browser.open(wiki.base() + "/-/members");
        MembersPage members = new MembersPage(browser).grant(viewerName, "viewer");
        assertThat(members.roleOf(viewerName)).as("%s on the members screen", viewerName).hasValue("viewer");
        logOut(browser);

        site.logIn(viewerName, viewerPassword);
        ViewPage home = site.page(wiki, "Home");
        assertThat(home.text()).contains("Members only.");
        assertThat(browser.has("#edit-link")).as("an Edit link for a viewer").isFalse();
        assertThat(browser.has("#rename-link")).as("a Rename link for a viewer").isFalse();
        assertThat(browser.has("#delete-link")).as("a Delete link for a viewer").isFalse();
        site.error(wiki.base() + "/-/edit/Home").assertStatus(403);

        // Post the edit form anyway, from a page of the wiki, with the viewer's own CSRF token.
        ApiClient owner = ApiClient.as(ownerName, ownerPassword);
        String homeApi = wiki.base() + "/api/v1/pages/Home";
        ApiResponse before = owner.get(homeApi).expect(200);
        site.page(wiki, "Home");
        browser.js("var form = document.createElement('form'); form.method = 'post'; form.action = arguments[0];"
                + "var fields = {csrf: document.querySelector('#logout-form input[name=csrf]').value,"
                + " content: 'Vandalised.', revision: arguments[1], message: 'sneaky'};"
                + "for (var name in fields) { var input = document.createElement('input'); input.type = 'hidden';"
                + " input.name = name; input.value = fields[name]; form.appendChild(input); }"
                + "var button = document.createElement('button'); button.id = 'forged-submit'; button.type = 'submit';"
                + "form.appendChild(button); document.body.appendChild(form);",
                wiki.base() + "/-/edit/Home", before.text("revision"));
        browser.clickAndWait(browser.find("#forged-submit"));
        new ErrorPage(browser).assertStatus(403);

        ApiResponse after = owner.get(homeApi).expect(200);
        assertThat(after.text("revision")).as("Home's revision after the viewer's post")
                .isEqualTo(before.text("revision"));
        assertThat(after.text("content")).as("Home after the viewer's post").isEqualTo(before.text("content"))
                .contains("Members only.");
    }

    private static void logOut(Browser browser) {
        browser.clickAndWait(browser.find("#logout-button"));
        assertThat(browser.has("#login-link")).as("a Log in link after logging out").isTrue();
    }
}
