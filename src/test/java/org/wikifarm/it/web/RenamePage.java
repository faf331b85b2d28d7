package org.wikifarm.it.web;

/** {@code <base>/-/rename/<path>}. */
public final class RenamePage {
    private final Browser browser;

    RenamePage(Browser browser) {
        this.browser = browser;
        browser.waitFor("#rename-form");
    }

    /**
     * Renames the page (links to it updated, the form's default) and opens it under its new name: straight away, or
     * from the screen that lists the pages whose links were updated.
     */
    public ViewPage renameTo(String newPath) {
        browser.fill("#rename-form input[name=new_path]", newPath);
        browser.clickAndWait(browser.find("#rename-submit"));
        if (browser.has("#renamed-summary")) {
            browser.clickAndWait(browser.find("#open-renamed"));
        }
        return new ViewPage(browser);
    }
}
