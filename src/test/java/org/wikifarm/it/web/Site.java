package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.wikifarm.it.Fixtures;

/** The entry points of the web UI: signing up and in, and going straight to a wiki's screens by address. */
public final class Site {
    private final Browser browser;

    public Site(Browser browser) {
        this.browser = browser;
    }

    public Browser browser() {
        return browser;
    }

    public HomePage signUp(String username, String password, String email) {
        browser.open("/signup");
        browser.waitFor("#signup-form");
        browser.fill("#username", username);
        browser.fill("#password", password);
        browser.fill("#email", email);
        browser.clickAndWait(browser.find("#signup-submit"));
        return signedInHome(username);
    }

    public HomePage logIn(String username, String password) {
        browser.open("/login");
        browser.waitFor("#login-form");
        browser.fill("#username", username);
        browser.fill("#password", password);
        browser.clickAndWait(browser.find("#login-submit"));
        return signedInHome(username);
    }

    private HomePage signedInHome(String username) {
        // Home, or for someone returning, the wiki they used last (web.WikiChooser).
        assertThat(browser.path()).as("where signing in leads (%s)", browser.url()).matches("/|/[a-z0-9-]+/[a-z0-9-]+/");
        assertThat(browser.waitFor("#account-link").getText()).as("#account-link").isEqualTo(username);
        assertThat(browser.has("#logout-form #logout-button")).as("a log-out button").isTrue();
        if (!browser.path().equals("/")) {
            browser.open("/select");
        }
        return new HomePage(browser);
    }

    /** The view of a page that exists. */
    public ViewPage page(WikiAddress wiki, String pagePath) {
        browser.open(wiki.page(pagePath));
        return new ViewPage(browser);
    }

    /** Opens an address that should answer with the error page. */
    public ErrorPage error(String path) {
        browser.open(path);
        return new ErrorPage(browser);
    }

    public EditPage edit(WikiAddress wiki, String pagePath) {
        browser.open(wiki.base() + "/-/edit/" + Fixtures.encodePath(pagePath));
        return new EditPage(browser);
    }

    public HistoryPage history(WikiAddress wiki, String pagePath) {
        browser.open(wiki.base() + "/-/history/" + Fixtures.encodePath(pagePath));
        return new HistoryPage(browser);
    }
}
