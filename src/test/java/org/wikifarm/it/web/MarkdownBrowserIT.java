package org.wikifarm.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.TestUser;
import org.wikifarm.it.TestWiki;

/**
 * The Markdown people write, in Chromium under the product's strict CSP, light and dark: math typeset by KaTeX,
 * a Mermaid diagram drawn as SVG in its sandboxed frame, footnotes, an alert, aligned table cells and the front
 * matter shown as metadata; no console error and no CSP violation. Then hostile math, diagrams, footnotes, alerts and
 * front matter: nothing runs, in the page or in the diagram's frame.
 */
class MarkdownBrowserIT {
    private static final String RICH = String.join("\n",
            "---",
            "title: Rich page",
            "category: Guides",
            "tags: [math, diagrams]",
            "---",
            "# Rich",
            "",
            "Euler: $e^{i\\pi} + 1 = 0$, and a note[^n].",
            "",
            "$$",
            "\\int_0^1 x^2\\,dx = \\frac{1}{3} + a_1 + a_2 + a_3 + a_4 + a_5 + a_6 + a_7 + a_8 + a_9 + a_{10}"
                    + " + a_{11} + a_{12} + a_{13} + a_{14}",
            "$$",
            "",
            "> [!WARNING]",
            "> Mind the **gap**.",
            "",
            "| left | centre | right |",
            "|:-----|:------:|------:|",
            "| a | b | c |",
            "",
            "```mermaid",
            "graph TD",
            "  A[Start] --> B{Choice}",
            "  B -->|yes| C[Done]",
            "```",
            "",
            "[^n]: The footnote's text.",
            "");
    private static final String HOSTILE = String.join("\n",
            "---",
            "title: \"<img src=x onerror=window.__xss=1>\"",
            "tags: [\"<script>window.__xss=2</script>\"]",
            "---",
            "Math: $\\href{javascript:window.__xss=3}{click}$ and $</span><img src=x onerror=window.__xss=4>$,"
                    + " broken: $\\frac{1}{2$.",
            "",
            "$$",
            "\\htmlId{x}{y} \\url{javascript:window.__xss=5}",
            "$$",
            "",
            "```mermaid",
            "%%{init: {\"securityLevel\": \"loose\", \"startOnLoad\": true}}%%",
            "graph TD",
            "  A[\"<img src=x onerror=window.__xss=6>\"] --> B",
            "  click A callback \"window.__xss=7\"",
            "  click B \"javascript:window.__xss=8\"",
            "```",
            "",
            "x[^\"><img src=x onerror=window.__xss=9>]",
            "",
            "[^\"><img src=x onerror=window.__xss=9>]: <img src=x onerror=window.__xss=10>",
            "",
            "y[^h]",
            "",
            "[^h]: <img src=x onerror=window.__xss=13> [j](javascript:window.__xss=14)",
            "",
            "> [!NOTE]",
            "> <script>window.__xss=11</script><img src=x onerror=window.__xss=12>",
            "");

    @RegisterExtension
    final BrowserExtension chromium = new BrowserExtension();

    @Test
    void mathDiagramsFootnotesAndAlertsRenderUnderTheCspInBothThemes() {
        TestUser admin = Fixtures.admin();
        TestWiki wiki = Fixtures.newWiki(admin, true);
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        wiki.pages(admin.client()).create("Rich", RICH);
        Browser browser = chromium.browser();
        List<String> problems = new ArrayList<>();
        for (String theme : List.of("light", "dark")) {
            browser.open(base + "/Rich");
            browser.js("localStorage.setItem('wikifarm-theme', arguments[0])", theme);
            browser.open(base + "/Rich");
            assertThat(browser.js("return document.documentElement.getAttribute('data-theme')")).isEqualTo(theme);
            browser.waitFor(".markdown .math-inline .katex");
            browser.waitFor(".markdown .math-display .katex-display");
            WebElement frame = browser.waitFor(".markdown iframe.diagram-frame.drawn");
            assertThat(browser.find("#page-title").getText()).isEqualTo("Rich page");
            assertThat(browser.find("#page-category").getText()).isEqualTo("Guides");
            assertThat(browser.findAll("#page-tags .page-tag")).extracting(WebElement::getText)
                    .containsExactly("math", "diagrams");
            assertThat(browser.find(".markdown .alert-warning .alert-title").getText()).contains("Warning");
            assertThat(browser.find(".markdown sup.footnote-ref a").getAttribute("href")).endsWith("#fn-1");
            assertThat(browser.find(".markdown section.footnotes li#fn-1").getText()).contains("The footnote's text.");
            assertThat(browser.js("return getComputedStyle(document.querySelector('.markdown td.align-right'))"
                    + ".textAlign")).isEqualTo("right");
            assertThat(browser.js("return getComputedStyle(document.querySelector('.markdown td.align-center'))"
                    + ".textAlign")).isEqualTo("center");
            assertThat(browser.js("return document.querySelector('.markdown pre.mermaid').offsetHeight"))
                    .as("the diagram's source is hidden once drawn").isEqualTo(0L);
            long height = ((Number) browser.js("return arguments[0].getBoundingClientRect().height", frame))
                    .longValue();
            assertThat(height).as("the frame takes the diagram's height").isGreaterThan(100);
            browser.driver().switchTo().frame(frame);
            try {
                new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                        .until(d -> !d.findElements(By.cssSelector("#diagram svg")).isEmpty());
                assertThat(browser.findAll("#diagram svg .node")).hasSizeGreaterThanOrEqualTo(3);
            } finally {
                browser.driver().switchTo().defaultContent();
            }
            browser.saveEvidence("markdown-" + theme);
            problems.addAll(errorsIn(browser.consoleLog(), theme));
        }
        // The theme switch draws the diagram again in the other theme.
        browser.open(base + "/Rich");
        browser.waitFor(".markdown iframe.diagram-frame.drawn");
        String before = (String) browser.js("return document.documentElement.getAttribute('data-theme')");
        browser.find("#theme-toggle").click();
        String after = before.equals("dark") ? "light" : "dark";
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> {
            d.switchTo().defaultContent();
            List<WebElement> drawn = d.findElements(By.cssSelector(".markdown iframe.diagram-frame.drawn"));
            if (drawn.isEmpty()) {
                return false;
            }
            d.switchTo().frame(drawn.get(0));
            try {
                return after.equals(d.findElement(By.tagName("html")).getAttribute("data-drawn-theme"));
            } finally {
                d.switchTo().defaultContent();
            }
        });
        problems.addAll(errorsIn(browser.consoleLog(), "theme switch"));
        // At phone width a long formula, the table and the diagram stay in their own boxes.
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.open(base + "/Rich");
        browser.waitFor(".markdown iframe.diagram-frame.drawn");
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing makes the page scroll sideways").isEqualTo(true);
        browser.saveEvidence("markdown-phone");
        problems.addAll(errorsIn(browser.consoleLog(), "phone"));
        browser.js("localStorage.removeItem('wikifarm-theme')");
        assertThat(problems).as("CSP violations and console errors").isEmpty();
    }

    @Test
    void aPageWithoutMathOrDiagramsLoadsNeitherScript() {
        TestUser admin = Fixtures.admin();
        TestWiki wiki = Fixtures.newWiki(admin, true);
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        wiki.pages(admin.client()).create("Plain", "# Plain\n\nIt costs $5 and $10.\n");
        Browser browser = chromium.browser();
        browser.open(base + "/Plain");
        browser.waitFor("#page-content");
        assertThat(browser.js("return [...document.scripts].map(s => s.src).join(' ')").toString())
                .doesNotContain("katex").doesNotContain("markdown.js").doesNotContain("mermaid");
        assertThat(browser.has("#page-meta")).isFalse();
    }

    @Test
    void hostileMathDiagramsFootnotesAlertsAndFrontMatterRunNothing() {
        TestUser admin = Fixtures.admin();
        TestWiki wiki = Fixtures.newWiki(admin, true);
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        wiki.pages(admin.client()).create("Hostile", HOSTILE);
        Browser browser = chromium.browser();
        browser.open(base + "/Hostile");
        browser.waitFor(".markdown .math-inline .katex");
        WebElement frame = browser.waitFor(".markdown iframe.diagram-frame.drawn");
        assertThat(browser.find("#page-title").getText()).isEqualTo("<img src=x onerror=window.__xss=1>");
        browser.driver().switchTo().frame(frame);
        try {
            for (WebElement node : browser.findAll("#diagram svg .node, #diagram svg a")) {
                browser.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node);
            }
            assertThat(browser.js("return window.__xss === undefined")).as("nothing ran in the diagram's frame")
                    .isEqualTo(true);
            assertThat(browser.js("return document.querySelectorAll('#diagram [onerror], #diagram script').length"))
                    .isEqualTo(0L);
        } finally {
            browser.driver().switchTo().defaultContent();
        }
        // Clicking every link that stays on the page (the footnotes', KaTeX's): none runs anything.
        for (WebElement link : browser.findAll(".markdown a[href^='#'], .markdown .katex a")) {
            browser.js("arguments[0].click()", link);
        }
        assertThat(browser.alertOpen()).isFalse();
        assertThat(browser.js("return window.__xss === undefined")).as("nothing ran in the page").isEqualTo(true);
        assertThat(browser.js("return document.querySelectorAll('#page-content [onerror], #page-content script,"
                + " #page-meta img, #page-meta script').length")).isEqualTo(0L);
        assertThat(browser.findAll(".markdown a[href^='javascript'], .markdown .katex a")).isEmpty();
        assertThat(browser.findAll(".markdown .math-error")).as("a formula KaTeX cannot read stays its source")
                .isNotEmpty();
        assertThat(errorsIn(browser.consoleLog(), "hostile").stream()
                .filter(line -> !line.contains("status of 404")).toList()).isEmpty();
        browser.saveEvidence("markdown-hostile");
    }

    /** Console entries that are errors or CSP reports. */
    private static List<String> errorsIn(List<String> console, String where) {
        return console.stream()
                .filter(line -> line.contains("SEVERE") || line.contains("Content Security Policy")
                        || line.contains("Refused to"))
                .map(line -> where + ": " + line)
                .toList();
    }
}
