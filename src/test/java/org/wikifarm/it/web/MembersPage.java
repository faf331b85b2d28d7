package org.wikifarm.it.web;

import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** {@code <base>/-/members}: who belongs to the wiki ({@code tr.member}) and the form that gives someone a role. */
public final class MembersPage {
    private final Browser browser;

    MembersPage(Browser browser) {
        this.browser = browser;
        browser.waitFor("form#grant-form");
    }

    /** Gives {@code username} the role ({@code viewer} or {@code editor}); the screen comes back confirming it. */
    public MembersPage grant(String username, String role) {
        browser.fill("#grant-username", username);
        new Select(browser.find("#grant-role")).selectByValue(role);
        browser.clickAndWait(browser.find("#grant-submit"));
        browser.waitFor("#members-done");
        return new MembersPage(browser);
    }

    /** The role the table shows for {@code username}, if they are a member. */
    public Optional<String> roleOf(String username) {
        for (WebElement row : browser.findAll("table#members tr.member")) {
            if (row.findElement(By.cssSelector(".member-username")).getText().equals(username)) {
                return Optional.of(row.findElement(By.cssSelector(".member-role")).getText());
            }
        }
        return Optional.empty();
    }
}
