package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.openqa.selenium.WebElement;

/** {@code <base>/-/diff/<path>?from=&to=&mode=}: added and removed lines, inline or side by side. */
public final class DiffPage {
    private final Browser browser;

    DiffPage(Browser browser) {
        this.browser = browser;
        browser.waitFor("#diff");
        assertThat(browser.path()).as("diff address").contains("/-/diff/");
    }

    public List<String> added() {
        return browser.findAll("#diff .diff-add").stream().map(WebElement::getText).toList();
    }

    public List<String> deleted() {
        return browser.findAll("#diff .diff-del").stream().map(WebElement::getText).toList();
    }

    public DiffPage sideBySide() {
        browser.clickAndWait(browser.find("#diff-side"));
        return new DiffPage(browser);
    }

    public DiffPage inline() {
        browser.clickAndWait(browser.find("#diff-inline"));
        return new DiffPage(browser);
    }
}
