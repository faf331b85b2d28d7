package org.wikifarm.it.web;

/** The start page {@code /} of a signed-in user: their wikis and the form to create one. */
public final class HomePage {
    private final Browser browser;

    HomePage(Browser browser) {
        this.browser = browser;
        browser.waitFor("#create-wiki-form");
    }

    /** Creates a wiki, which opens on its Home page: the one that says how to begin. */
    public ViewPage createWiki(String slug, String displayName, boolean isPublic) {
        browser.fill("#slug", slug);
        browser.fill("#display_name", displayName);
        if (browser.find("#is_public").isSelected() != isPublic) {
            browser.find("#is_public").click();
        }
        browser.clickAndWait(browser.find("#create-wiki-submit"));
        return new ViewPage(browser);
    }
}
