package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code <base>/-/edit/<path>}: the Markdown editor (EasyMDE over {@code #content}). */
public final class EditPage {
    private final Browser browser;

    EditPage(Browser browser) {
        this.browser = browser;
        browser.waitFor("form#edit-form");
        assertThat(browser.path()).as("edit form address").contains("/-/edit/");
    }

    /** The text in the editor, through the same handle a user's keystrokes end up in. */
    public String text() {
        return (String) browser.js("return window.wikifarmEditor ? window.wikifarmEditor.value()"
                + " : document.getElementById('content').value;");
    }

    public EditPage write(String text) {
        browser.js("if (window.wikifarmEditor) { window.wikifarmEditor.value(arguments[0]); }"
                + " else { document.getElementById('content').value = arguments[0]; }", text);
        assertThat(text()).as("editor text after setting it").isEqualTo(text);
        return this;
    }

    public EditPage message(String message) {
        browser.fill("#message", message);
        return this;
    }

    public ViewPage save() {
        browser.clickAndWait(browser.find("#save-button"));
        return new ViewPage(browser);
    }

    /** Saves a stale copy: the server must answer 409 with the conflict screen. */
    public ConflictPage saveExpectingConflict() {
        browser.clickAndWait(browser.find("#save-button"));
        return new ConflictPage(browser);
    }
}
