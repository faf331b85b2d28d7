package org.wikifarm.it.web;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** {@code <base>/-/history/<path>}: one {@code tr.change} per change, newest first. */
public final class HistoryPage {
    private final Browser browser;

    HistoryPage(Browser browser) {
        this.browser = browser;
        browser.waitFor("table#history");
    }

    private List<WebElement> rows() {
        return browser.findAll("table#history tr.change");
    }

    public int size() {
        return rows().size();
    }

    /** The revision of each row, newest first (the value of its radio buttons). */
    public List<String> revisions() {
        return rows().stream().map(row -> row.findElement(By.cssSelector("input[name=to]")).getDomAttribute("value"))
                .toList();
    }

    /** The visible text of each row, newest first. */
    public List<String> rowTexts() {
        return rows().stream().map(WebElement::getText).toList();
    }

    /** Compares two rows (0 = newest) as a user does: tick "from" and "to", press Compare. */
    public DiffPage compare(int fromRow, int toRow) {
        rows().get(fromRow).findElement(By.cssSelector("input[name=from]")).click();
        rows().get(toRow).findElement(By.cssSelector("input[name=to]")).click();
        browser.clickAndWait(browser.find("#compare-button"));
        return new DiffPage(browser);
    }

    /** Presses Revert on a row (0 = newest); the screen that follows depends on the UI, so none is returned. */
    public void revert(int row) {
        browser.clickAndWait(rows().get(row).findElement(By.cssSelector("form.revert-form button.revert-button")));
    }
}
