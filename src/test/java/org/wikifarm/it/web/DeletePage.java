package org.wikifarm.it.web;

/** {@code <base>/-/delete/<path>}: the confirmation before a page is deleted. */
public final class DeletePage {
    private final Browser browser;

    DeletePage(Browser browser) {
        this.browser = browser;
        browser.waitFor("#delete-form");
    }

    /** Confirms; the UI then goes to the wiki's home, whatever that shows. */
    public void confirm() {
        browser.clickAndWait(browser.find("#delete-confirm"));
    }
}
