package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.Pages;
import org.wikifarm.it.TestUser;
import org.wikifarm.it.TestWiki;

/**
 * In headless Chromium: an image chosen in the editor (EasyMDE's upload, the same path as dropping or pasting one)
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
    void anImageUploadedInTheEditorIsEmbeddedInTheRenderedPage() throws Exception {
        pages.create("Gallery", "# Gallery\n\nOur diagram:\n\n");
        Path image = Files.createTempFile("diagram-", ".png");
        BufferedImage picture = new BufferedImage(120, 60, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 120; x++) {
            for (int y = 0; y < 60; y++) {
                picture.setRGB(x, y, x < 60 ? 0x2060c0 : 0xe0a020);
            }
        }
        ImageIO.write(picture, "png", image.toFile());
        String name = image.getFileName().toString();

        Site site = chromium.site();
        site.logIn(user.username(), user.password());
        EditPage editor = site.edit(wiki, "Gallery");
        Browser browser = chromium.browser();
        // EasyMDE's own file input (its toolbar's image button opens it); shown so the driver can type a path in it.
        WebElement input = browser.find(".EasyMDEContainer input[type=file]");
        browser.js("arguments[0].style.display = 'block'; arguments[0].style.opacity = 1;", input);
        input.sendKeys(image.toAbsolutePath().toString());
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(driver -> editor.text().contains("![](" + name + ")"));

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
        Files.deleteIfExists(image);
    }
}
