package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.TestUser;
import org.wikifarm.it.TestWiki;

/**
 * The Snapshots screen of a wiki and the admin area's Wiki schemas screen in Chromium, light and dark and at phone
 * width (390 px): no CSP violation or console error, no sideways scrolling; screenshots are saved for a person to look
 * at ({@code target/screenshots/snapshots-*.png}, {@code schemas-*.png}). Restoring from the screen goes through its
 * confirmation screen.
 */
class SnapshotScreensBrowserIT {
    @RegisterExtension
    final BrowserExtension chromium = new BrowserExtension();

    @Test
    void snapshotAndSchemaScreensInBothThemesAndAtPhoneWidth() {
        TestUser admin = Fixtures.admin();
        TestWiki wiki = Fixtures.newWiki(admin, false);
        wiki.pages(admin.client()).create("Home", "# Home\n\nKept in a snapshot.\n");
        admin.client().post(wiki.api() + "/snapshots", Map.of()).expect(201);
        admin.client().post(wiki.api() + "/snapshots", Map.of()).expect(201);
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        Browser browser = chromium.browser();
        chromium.site().logIn(admin.username(), admin.password());
        List<String> problems = new ArrayList<>();

        for (String width : List.of("wide", "phone")) {
            if (width.equals("phone")) {
                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            }
            for (String screen : List.of(base + "/-/snapshots", "/admin/schemas")) {
                for (String theme : List.of("light", "dark")) {
                    browser.open(screen);
                    browser.js("document.documentElement.setAttribute('data-theme', arguments[0]);", theme);
                    problems.addAll(errors(browser.consoleLog(), screen));
                    assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                            .as("%s at %s width does not scroll sideways", screen, width).isEqualTo(true);
                    browser.saveEvidence((screen.endsWith("schemas") ? "schemas-" : "snapshots-") + width + "-"
                            + theme);
                }
            }
        }
        browser.open(base + "/-/snapshots");
        assertThat(browser.findAll("tr.snapshot")).hasSize(2);
        browser.clickAndWait(browser.find("form.restore-snapshot-form button"));
        browser.waitFor("#confirm-form");
        browser.saveEvidence("snapshots-restore-confirmation");
        problems.addAll(errors(browser.consoleLog(), "the restore confirmation"));
        assertThat(problems).as("CSP violations and console errors").isEmpty();
    }

    private static List<String> errors(List<String> console, String where) {
        return console.stream()
                .filter(line -> line.contains("SEVERE") || line.contains("Content Security Policy")
                        || line.contains("Refused to"))
                .map(line -> where + ": " + line)
                .toList();
    }
}
