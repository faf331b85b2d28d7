package org.wikifarm.it.web;

import java.util.List;
import org.openqa.selenium.WebElement;

/** {@code <base>/<path>}: a rendered page with its actions, backlinks and the page tree. */
public final class ViewPage {
    private final Browser browser;

    ViewPage(Browser browser) {
        this.browser = browser;
        browser.waitFor("h1#page-title");
        browser.waitFor("article#page-content");
    }

    public String title() {
        return browser.find("h1#page-title").getText();
    }

    /** The rendered content as a reader sees it. */
    public String text() {
        return browser.find("article#page-content").getText();
    }

    /** The wiki links in the content whose text is {@code label}. */
    public List<WebElement> wikiLinks(String label) {
        return browser.findAll("#page-content a.wikilink").stream().filter(a -> a.getText().equals(label)).toList();
    }

    public boolean isMissing(WebElement link) {
        return List.of(link.getDomAttribute("class").split("\\s+")).contains("missing");
    }

    /** Follows the wiki link to a page that does not exist yet: it leads to the edit form. */
    public EditPage followMissingLink(String label) {
        browser.clickAndWait(wikiLinks(label).get(0));
        return new EditPage(browser);
    }

    public List<String> backlinks() {
        return browser.findAll("#backlinks a").stream().map(WebElement::getText).toList();
    }

    public EditPage edit() {
        browser.clickAndWait(browser.find("#edit-link"));
        return new EditPage(browser);
    }

    public HistoryPage history() {
        browser.clickAndWait(browser.find("#history-link"));
        return new HistoryPage(browser);
    }

    public RenamePage rename() {
        browser.clickAndWait(browser.find("#rename-link"));
        return new RenamePage(browser);
    }

    public DeletePage delete() {
        browser.clickAndWait(browser.find("#delete-link"));
        return new DeletePage(browser);
    }
}
