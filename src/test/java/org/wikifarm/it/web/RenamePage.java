package org.wikifarm.it.web;

/** {@code <base>/-/rename/<path>}. */
public final class RenamePage {
    private final Browser browser;

    RenamePage(Browser browser) {
        this.browser = browser;
        browser.waitFor("#rename-form");
    }

    public ViewPage renameTo(String newPath) {
        browser.fill("#rename-form input[name=new_path]", newPath);
        browser.clickAndWait(browser.find("#rename-submit"));
        return new ViewPage(browser);
    }
}
