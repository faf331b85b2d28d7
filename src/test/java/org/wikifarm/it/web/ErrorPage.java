package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

/** The friendly error page: {@code #error-status}, {@code #error-message}, maybe a link to create the page. */
public final class ErrorPage {
    private final Browser browser;

    ErrorPage(Browser browser) {
        this.browser = browser;
        browser.waitFor("#error-status");
    }

    /** Asserts the status both on screen and in the HTTP answer, and that there is a message. */
    public ErrorPage assertStatus(int expected) {
        assertThat(browser.find("#error-status").getText()).as("#error-status on %s", browser.url())
                .isEqualTo(String.valueOf(expected));
        assertThat(browser.status()).as("HTTP status of %s", browser.url()).isEqualTo(expected);
        assertThat(browser.find("#error-message").getText()).as("#error-message on %s", browser.url()).isNotBlank();
        return this;
    }

    public EditPage createPage() {
        browser.clickAndWait(browser.find("#create-page-link"));
        return new EditPage(browser);
    }
}
