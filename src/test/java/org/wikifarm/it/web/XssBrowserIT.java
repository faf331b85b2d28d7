package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AutoCloseableSoftAssertions;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.WebElement;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.TestUser;
import org.wikifarm.it.TestWiki;

/**
 * Hostile Markdown viewed in a real browser: nothing in it may run, whether on load, on error, on toggle or when a
 * reader clicks its links. Every vector sets {@code window.__xss} (and the first also logs a marker), so a payload
 * that runs anywhere shows.
 */
class XssBrowserIT {
    private static final String MARKER = "XSS-MARKER";
    private static final String HOSTILE = String.join("\n",
            "# Hostile page",
            "",
            "<script>window.__xss=1;console.log('" + MARKER + "')</script>",
            "",
            "<img src=x onerror=\"window.__xss=2\">",
            "",
            "[click](javascript:window.__xss=3)",
            "",
            "<svg onload=\"window.__xss=4\"></svg>",
            "",
            "<svg><script>window.__xss=5</script></svg>",
            "",
            "<iframe src=\"javascript:window.__xss=6\"></iframe>",
            "",
            "<a href=\"JaVaScRiPt:window.__xss=7\">x</a>",
            "",
            "[[x|<img src=x onerror=window.__xss=8>]]",
            "",
            "<details open ontoggle=\"window.__xss=9\"><summary>more</summary>hidden</details>",
            "",
            "[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cub3BlbmVyLl9feHNzPTEwPC9zY3JpcHQ+)",
            "",
            "<a href=\"data:text/html,<script>window.__xss=11</script>\">data anchor</a>",
            "",
            "[back to the top](#hostile-page) stays on the page, so the click loop always has work.",
            "",
            "The end.",
            "");
    /** What ran in the page and in each frame it contains, e.g. {@code "window: 5, frame 0: 6"}; null if nothing. */
    private static final String XSS_SEEN = "var seen = [];"
            + "if (window.__xss !== undefined) { seen.push('window: ' + window.__xss); }"
            + "document.querySelectorAll('iframe').forEach(function (f, i) {"
            + "  try { if (f.contentWindow.__xss !== undefined) { seen.push('frame ' + i + ': ' + f.contentWindow.__xss); } }"
            + "  catch (e) {}"
            + "});"
            + "return seen.length ? seen.join(', ') : null;";
    /** Forgets what ran so far, so what a click sets is attributed to that click. */
    private static final String XSS_FORGET = "delete window.__xss;"
            + "document.querySelectorAll('iframe').forEach(function (f) {"
            + "  try { delete f.contentWindow.__xss; } catch (e) {}"
            + "});";

    @RegisterExtension
    final BrowserExtension chromium = new BrowserExtension();

    private final TestUser user = Fixtures.newUser();
    private final TestWiki api = Fixtures.newWiki(user, false);
    private final WikiAddress wiki = new WikiAddress(api.owner(), api.slug());

    @Test
    void nothingInHostileMarkdownRunsOnLoadOrOnClick() {
        api.pages(user.client()).create("Hostile", HOSTILE);
        Site site = chromium.site();
        Browser browser = chromium.browser();
        site.logIn(user.username(), user.password());
        List<String> console = new ArrayList<>(browser.consoleLog());

        // Soft: one run lists every vector that got through, not only the first.
        try (AutoCloseableSoftAssertions softly = new AutoCloseableSoftAssertions()) {
            ViewPage page = site.page(wiki, "Hostile");
            assertThat(page.text()).as("the page rendered").contains("Hostile page").contains("The end.");
            browser.pause(Duration.ofSeconds(1));
            checkNothingRan(softly, browser, "after loading the page");

            softly.assertThat(browser.findAll("#page-content script")).as("script elements in #page-content").isEmpty();
            softly.assertThat(browser.findAll("#page-content iframe, #page-content object, #page-content embed"))
                    .as("frames and plugins in #page-content").isEmpty();
            // The whole document, not only #page-content: markup that closes the article early must not escape.
            softly.assertThat(eventHandlerAttributes(browser)).as("on* attributes anywhere in the page").isEmpty();
            softly.assertThat(browser.js("return Array.from(document.scripts).filter(function (s) {"
                    + " return s.textContent.indexOf('__xss') >= 0; }).length;"))
                    .as("scripts from the page's Markdown anywhere in the document").isEqualTo(0L);
            softly.assertThat(scriptUrls(browser)).as("javascript:/vbscript:/data: URLs in #page-content").isEmpty();

            int links = browser.findAll("#page-content a").size();
            List<String> clicked = new ArrayList<>();
            for (int i = 0; i < links; i++) {
                WebElement link = browser.findAll("#page-content a").get(i);
                String href = link.getDomAttribute("href");
                if (leavesThePage(href)) {
                    continue;
                }
                clicked.add(href);
                String before = browser.url();
                browser.js(XSS_FORGET);
                click(browser, link);
                browser.pause(Duration.ofMillis(500));
                boolean ran = checkNothingRan(softly, browser, "after clicking link " + i + " (href " + href + ")");
                console.addAll(browser.consoleLog());
                if (ran || !browser.url().equals(before)) {
                    site.page(wiki, "Hostile");
                }
            }
            // The sanitiser may drop a script link's <a> altogether; the fragment link is always there to click.
            softly.assertThat(clicked).as("links that stay on the page were clicked").contains("#hostile-page");

            console.addAll(browser.consoleLog());
            browser.js("console.log('CANARY-' + 'LOGGED')");
            console.addAll(browser.consoleLog());
            softly.assertThat(console).as("the console log is captured at all")
                    .anySatisfy(line -> assertThat(line).contains("CANARY-LOGGED"));
            softly.assertThat(console).as("console log").noneSatisfy(line -> assertThat(line).contains(MARKER));
        }
    }

    /** Records an open alert or a set {@code window.__xss}; returns whether anything ran. */
    private static boolean checkNothingRan(SoftAssertions softly, Browser browser, String when) {
        boolean alert = browser.alertOpen();
        softly.assertThat(alert).as("an alert is open " + when).isFalse();
        if (alert) {
            browser.driver().switchTo().alert().dismiss();
        }
        Object seen = browser.js(XSS_SEEN);
        softly.assertThat(seen).as("window.__xss " + when).isNull();
        return alert || seen != null;
    }

    /** A real click; a link the sanitiser left empty (no size) gets the DOM's click, which a user's Enter gives. */
    private static void click(Browser browser, WebElement link) {
        try {
            link.click();
        } catch (ElementNotInteractableException e) {
            browser.js("arguments[0].click();", link);
        }
    }

    /** Links to ordinary pages navigate away; everything else (script URLs, fragments, no href) gets clicked. */
    private static boolean leavesThePage(String href) {
        if (href == null) {
            return false;
        }
        String h = href.strip().toLowerCase();
        return !(h.startsWith("javascript:") || h.startsWith("data:") || h.startsWith("vbscript:") || h.startsWith("#")
                || h.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<String> eventHandlerAttributes(Browser browser) {
        return (List<String>) browser.js("var found = [];"
                + "document.querySelectorAll('*').forEach(function (el) {"
                + "  for (var i = 0; i < el.attributes.length; i++) {"
                + "    var name = el.attributes[i].name.toLowerCase();"
                + "    if (name.indexOf('on') === 0) { found.push(el.tagName + '[' + name + ']'); }"
                + "  }"
                + "});"
                + "return found;");
    }

    @SuppressWarnings("unchecked")
    private static List<String> scriptUrls(Browser browser) {
        return (List<String>) browser.js("var found = [];"
                + "document.querySelectorAll('#page-content *').forEach(function (el) {"
                + "  ['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].forEach(function (attr) {"
                + "    var value = el.getAttribute(attr);"
                + "    if (value && /^\\s*(javascript|vbscript|data):/i.test(value.replace(/[\\u0000-\\u001f]/g, ''))) {"
                + "      found.push(el.tagName + '[' + attr + '=' + value + ']');"
                + "    }"
                + "  });"
                + "});"
                + "return found;");
    }
}
