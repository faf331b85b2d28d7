package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.Pages;
import org.wikifarm.it.TestUser;
import org.wikifarm.it.TestWiki;

/**
 * In headless Chromium: an image pasted into the editor (EasyMDE's upload, the same path as dropping one or choosing
 * it with the toolbar's image button)
 * becomes a file of the page, the editor inserts its Markdown, and the saved page shows the image, loaded; the Files
 * screen lists it with its thumbnail. Screenshots of the Files screen in both themes and at phone width.
 */
class AttachmentsBrowserIT {
    @RegisterExtension
    final BrowserExtension chromium = new BrowserExtension();

    private final TestUser user = Fixtures.newUser();
    private final TestWiki api = Fixtures.newWiki(user, false);
    private final WikiAddress wiki = new WikiAddress(api.owner(), api.slug());
    private final Pages pages = api.pages(user.client());

    @Test
    void anImageUploadedInTheEditorIsEmbeddedInTheRenderedPage() {
        pages.create("Gallery", "# Gallery\n\nOur diagram:\n\n");
        String name = "diagram-" + Fixtures.randomName("", 6) + ".png";

        Site site = chromium.site();
        site.logIn(user.username(), user.password());
        EditPage editor = site.edit(wiki, "Gallery");
        Browser browser = chromium.browser();
        // Paste an image into the editor, as a person does with a screenshot: a 120 x 60 PNG drawn on a canvas, in a
        // paste event's clipboard data on CodeMirror's input field. EasyMDE hands it to editor.js, which uploads it.
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const name = arguments[0];"
                + " const canvas = document.createElement('canvas'); canvas.width = 120; canvas.height = 60;"
                + " const g = canvas.getContext('2d'); g.fillStyle = '#2060c0'; g.fillRect(0, 0, 60, 60);"
                + " g.fillStyle = '#e0a020'; g.fillRect(60, 0, 60, 60);"
                + " canvas.toBlob(blob => { const data = new DataTransfer();"
                + " data.items.add(new File([blob], name, {type: 'image/png'}));"
                + " document.querySelector('.CodeMirror textarea').dispatchEvent(new ClipboardEvent('paste',"
                + " {clipboardData: data, bubbles: true, cancelable: true})); done(true); }, 'image/png');", name);
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(driver -> editor.text().contains("![](" + name + ")"));
        } catch (org.openqa.selenium.TimeoutException notInserted) {
            throw new AssertionError("The editor did not insert the image; its status bar says: "
                    + browser.js("return document.querySelector('.editor-statusbar').innerText;") + "; text: "
                    + editor.text(), notInserted);
        }

        ViewPage view = editor.message("Add the diagram").save();

        String src = (String) browser.js("const img = document.querySelector('.page-content img, main img');"
                + " return img ? img.getAttribute('src') : null;");
        assertThat(src).isEqualTo("/" + api.owner() + "/" + api.slug() + "/-/file/Gallery/" + name);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> ((Number) browser.js(
                "const img = document.querySelector('img[src$=\"' + arguments[0] + '\"]');"
                        + " return img && img.complete ? img.naturalWidth : 0;", name)).intValue() > 0);
        assertThat(((Number) browser.js("return document.querySelector('img[src$=\"' + arguments[0] + '\"]')"
                + ".naturalWidth;", name)).intValue()).isEqualTo(120);
        assertThat(view.title()).isEqualTo("Gallery");
        assertThat(pages.get("Gallery").expect(200).text("content")).contains("![](" + name + ")");

        // The Files screen, reached from the page: the file, its thumbnail loaded.
        browser.clickAndWait(browser.find("#attachments-link"));
        browser.waitFor("#attachments");
        assertThat(browser.findAll("a.file-link")).extracting(WebElement::getText).containsExactly(name);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> ((Number) browser.js(
                "const img = document.querySelector('img.thumbnail'); return img && img.complete ? img.naturalWidth"
                        + " : 0;")).intValue() == 64);
        for (String theme : List.of("light", "dark")) {
            browser.js("document.documentElement.setAttribute('data-theme', arguments[0]);", theme);
            browser.saveEvidence("attachments-" + theme);
        }
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.saveEvidence("attachments-phone");
        assertThat(((Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth;"))
                .intValue()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
        assertThat(browser.consoleLog()).as("console errors and CSP violations")
                .noneMatch(line -> (line.contains("SEVERE") || line.contains("Content Security Policy")
                        || line.contains("Refused to")) && !line.contains("status of 404")
                        && !line.contains("status of 401"));
    }
}
