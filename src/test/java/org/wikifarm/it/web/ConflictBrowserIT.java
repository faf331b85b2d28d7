package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.Pages;
import org.wikifarm.it.TestUser;
import org.wikifarm.it.TestWiki;

/** Two writers on one page: the browser's stale save must not overwrite, and the merge screen must resolve it. */
class ConflictBrowserIT {
    @RegisterExtension
    final BrowserExtension chromium = new BrowserExtension();

    private final TestUser user = Fixtures.newUser();
    private final TestWiki api = Fixtures.newWiki(user, false);
    private final WikiAddress wiki = new WikiAddress(api.owner(), api.slug());
    private final Pages pages = api.pages(user.client());

    @Test
    void aStaleSaveShowsBothVersionsAndTheMergeIsSaved() {
        String first = pages.create("Plan", "alpha\nbeta\ngamma\n");
        Site site = chromium.site();
        site.logIn(user.username(), user.password());
        EditPage editor = site.edit(wiki, "Plan");
        assertThat(editor.text()).isEqualTo("alpha\nbeta\ngamma\n");

        String theirs = pages.update("Plan", "alpha\nbeta from the API\ngamma\n", first);
        ConflictPage conflict = editor.write("alpha\nbeta\ngamma\ndelta from the browser\n")
                .message("Add delta")
                .saveExpectingConflict();

        assertThat(chromium.browser().status()).as("HTTP status of the conflict screen").isEqualTo(409);
        assertThat(conflict.theirs()).contains("beta from the API");
        assertThat(conflict.mine()).isEqualTo("alpha\nbeta\ngamma\ndelta from the browser\n");
        assertThat(conflict.mergeBoxIsPlainTextarea()).as("#merge-content is a plain textarea").isTrue();
        assertThat(conflict.diffLines("add")).as("#conflict-diff .diff-add").isNotEmpty();
        assertThat(conflict.diffLines("del")).as("#conflict-diff .diff-del").isNotEmpty();
        assertThat(conflict.revision()).as("the merge is saved on top of their revision").isEqualTo(theirs);
        assertThat(pages.get("Plan").expect(200).text("content")).as("nothing overwritten yet")
                .isEqualTo("alpha\nbeta from the API\ngamma\n");

        ViewPage merged = conflict.merge("alpha\nbeta from the API\ngamma\ndelta from the browser\n").save();

        assertThat(merged.title()).isEqualTo("Plan");
        assertThat(merged.text()).contains("beta from the API").contains("delta from the browser");
        assertThat(pages.get("Plan").expect(200).text("content"))
                .isEqualTo("alpha\nbeta from the API\ngamma\ndelta from the browser\n");
        assertThat(merged.history().size()).as("create, the API's update, the merge").isEqualTo(3);
    }
}
