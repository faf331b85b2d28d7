package org.wikifarm.it.web;

import java.util.List;
import org.openqa.selenium.WebElement;

/** The 409 screen after saving a stale copy: their version, the diff, and yours to merge. */
public final class ConflictPage {
    private final Browser browser;

    ConflictPage(Browser browser) {
        this.browser = browser;
        browser.waitFor("#conflict");
    }

    /** The other person's (current) version, read-only. */
    public String theirs() {
        return browser.find("#current-content").getText();
    }

    /** What is in the merge box; at first, the text the user tried to save. */
    public String mine() {
        return browser.find("textarea#merge-content").getDomProperty("value");
    }

    public List<String> diffLines(String kind) {
        return browser.findAll("#conflict-diff .diff-" + kind).stream().map(WebElement::getText).toList();
    }

    public boolean mergeBoxIsPlainTextarea() {
        return browser.find("#merge-content").isDisplayed() && !browser.has("#conflict .EasyMDEContainer");
    }

    /** The revision the merge will be saved on top of. */
    public String revision() {
        return browser.find("#conflict input[type=hidden][name=revision]").getDomAttribute("value");
    }

    public ConflictPage merge(String text) {
        browser.setValue("textarea#merge-content", text);
        return this;
    }

    public ViewPage save() {
        browser.clickAndWait(browser.find("#conflict #save-button"));
        return new ViewPage(browser);
    }
}
