package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.wikifarm.it.Fixtures;

/** A new user's whole first session in the browser: sign up, create a wiki, write, link, edit, undo, move, delete. */
class WikiFlowBrowserIT {
    @RegisterExtension
    final BrowserExtension chromium = new BrowserExtension();

    @Test
    void signUpCreateAWikiAndLiveThroughAPagesWholeLife() {
        Site site = chromium.site();
        Browser browser = chromium.browser();
        String username = Fixtures.randomName("b", 12);
        WikiAddress wiki = new WikiAddress(username, Fixtures.randomName("w", 10));

        HomePage home = site.signUp(username, Fixtures.randomName("pw-", 20), username + "@example.org");
        ViewPage firstHome = home.createWiki(wiki.slug(), "Flow " + wiki.slug(), false);
        assertThat(browser.path()).as("a new wiki opens at its home").isEqualTo(wiki.base() + "/");
        assertThat(firstHome.text()).contains("Welcome to your new wiki", "[[Page name]]");

        ViewPage homePage = firstHome.edit()
                .write("Welcome to the flow.\n\nSee [[Second Page]] next.\n")
                .message("Start the wiki")
                .save();
        assertThat(homePage.title()).isEqualTo("Home");
        assertThat(homePage.text()).contains("Welcome to the flow.");
        List<WebElement> missing = homePage.wikiLinks("Second Page");
        assertThat(missing).as("wiki link to Second Page on Home").hasSize(1);
        assertThat(homePage.isMissing(missing.get(0))).as("link to a page that does not exist has class missing")
                .isTrue();

        ViewPage second = homePage.followMissingLink("Second Page")
                .write("The second page, created from a link.\n")
                .save();
        assertThat(browser.path()).isEqualTo(wiki.pagePath("Second Page"));
        assertThat(second.title()).isEqualTo("Second Page");
        assertThat(second.text()).contains("The second page, created from a link.");
        assertThat(second.backlinks()).as("#backlinks of Second Page").contains("Home");

        homePage = site.page(wiki, "Home");
        List<WebElement> found = homePage.wikiLinks("Second Page");
        assertThat(found).hasSize(1);
        assertThat(homePage.isMissing(found.get(0))).as("link to a page that exists now is not missing").isFalse();

        homePage = homePage.edit()
                .write("Welcome to the edited flow.\n\nSee [[Second Page]] next.\n")
                .message("Reword the welcome")
                .save();
        assertThat(homePage.text()).contains("Welcome to the edited flow.");

        HistoryPage history = homePage.history();
        assertThat(history.size()).as("changes to Home: the first Home, ours, the reword").isEqualTo(3);
        DiffPage diff = history.compare(1, 0);
        assertThat(diff.deleted()).as(".diff-del lines").anySatisfy(line -> assertThat(line).contains("Welcome to the flow."));
        assertThat(diff.added()).as(".diff-add lines").anySatisfy(line -> assertThat(line).contains("Welcome to the edited flow."));
        DiffPage side = diff.sideBySide();
        assertThat(browser.url()).contains("mode=side");
        assertThat(side.deleted()).anySatisfy(line -> assertThat(line).contains("Welcome to the flow."));
        assertThat(side.added()).anySatisfy(line -> assertThat(line).contains("Welcome to the edited flow."));

        site.history(wiki, "Home").revert(0);
        homePage = site.page(wiki, "Home");
        assertThat(homePage.text()).contains("Welcome to the flow.").doesNotContain("edited");
        assertThat(site.history(wiki, "Home").size()).as("changes to Home after the revert").isEqualTo(4);

        List<String> beforeRename = site.history(wiki, "Second Page").revisions();
        assertThat(beforeRename).hasSize(1);
        ViewPage renamed = site.page(wiki, "Second Page").rename().renameTo("Renamed Page");
        assertThat(browser.path()).isEqualTo(wiki.pagePath("Renamed Page"));
        assertThat(renamed.title()).isEqualTo("Renamed Page");
        assertThat(renamed.text()).contains("The second page, created from a link.");
        HistoryPage renamedHistory = renamed.history();
        assertThat(renamedHistory.size()).as("history of the renamed page keeps the change before the rename")
                .isGreaterThanOrEqualTo(2);
        assertThat(renamedHistory.revisions()).containsAll(beforeRename);
        // The old address leads to the page under its new name.
        browser.open(wiki.page("Second Page"));
        assertThat(browser.path()).isEqualTo(wiki.pagePath("Renamed Page"));

        site.page(wiki, "Renamed Page").delete().confirm();
        assertThat(browser.path()).as("after deleting, the wiki's home").isEqualTo(wiki.base() + "/");
        site.error(wiki.page("Renamed Page")).assertStatus(404);
    }
}
