package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.TestUser;
import org.wikifarm.it.TestWiki;

/**
 * The settings screen's "Wiki links with a label" choice in headless Chromium, at desktop and phone width, light and
 * dark: visible, usable, saved, and followed by the page view.
 */
class LinkOrderBrowserIT {
    @RegisterExtension
    final BrowserExtension chromium = new BrowserExtension();

    @Test
    void anAdministratorChoosesLabelFirstOnTheSettingsScreen() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        wiki.pages(owner.client()).create("Imported", "From An Otter Wiki: [[the guide|Guide]].");
        Browser browser = chromium.browser();
        chromium.site().logIn(owner.username(), owner.password());

        for (Dimension size : List.of(new Dimension(1280, 1024), new Dimension(390, 844))) {
            browser.driver().manage().window().setSize(size);
            browser.open(base + "/-/settings");
            for (String theme : List.of("light", "dark")) {
                browser.js("document.documentElement.setAttribute('data-theme', arguments[0])", theme);
                browser.js("document.getElementById('wiki_link_order').scrollIntoView({block: 'center'})");
                browser.saveEvidence("settings-link-order-" + size.getWidth() + "-" + theme);
                assertThat(browser.find("#wiki_link_order").isDisplayed()).isTrue();
                assertThat(browser.js("const e = document.getElementById('wiki_link_order');"
                        + " const r = e.getBoundingClientRect();"
                        + " return r.right <= document.documentElement.clientWidth"
                        + " && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === e"))
                        .as("the choice fits and is not covered at %s, %s", size, theme).isEqualTo(true);
            }
        }
        browser.driver().manage().window().setSize(new Dimension(1280, 1024));
        browser.open(base + "/-/settings");
        new Select(browser.find("#wiki_link_order")).selectByValue("label_first");
        browser.clickAndWait(browser.find("#settings-submit"));
        browser.waitFor("#settings-saved");
        assertThat(new Select(browser.find("#wiki_link_order")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("label_first");

        browser.open(base + "/Imported");
        assertThat(browser.find("a.wikilink").getText()).isEqualTo("the guide");
        assertThat(browser.find("a.wikilink").getAttribute("href")).endsWith("Guide");
        assertThat(browser.consoleLog().stream().filter(line -> line.contains("SEVERE")
                || line.contains("Content Security Policy") || line.contains("Refused to"))
                .filter(line -> !line.contains("status of 404")).toList()).isEmpty();
    }
}
