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
 * Every screen in Chromium under the product's own content security policy (scripts and styles from our origin
 * only, no inline scripts, handlers or styles): no screen may log a CSP violation or any other console error, the
 * editor included with its preview open side by side. axe-core (see {@link Axe}) checks every one of those screens at
 * desktop and phone width in both themes.
 */
class ScreensBrowserIT {
    @RegisterExtension
    final BrowserExtension chromium = new BrowserExtension();

    @Test
    void noScreenBreaksTheContentSecurityPolicyOrLogsAnError() {
        TestUser admin = Fixtures.admin();
        TestWiki wiki = Fixtures.newWiki(admin, true);
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        String revision = wiki.pages(admin.client()).create("Home", "# Home\n\n## Part\n\nSee [[Other]] and `code`.\n\n"
                + "```java\nclass A {}\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n- [ ] task\n");
        wiki.pages(admin.client()).create("Other", "# Other\n\nBack to [[Home]].\n");
        wiki.pages(admin.client()).create("Gone", "Deleted to show its page's Restore button.");
        wiki.pages(admin.client()).delete("Gone").expect(200);
        String token = admin.client().post(wiki.api() + "/tokens", Map.of("name", "csp", "role", "viewer"))
                .expect(201).text("id");
        Browser browser = chromium.browser();
        Site site = chromium.site();
        List<String> problems = new ArrayList<>();

        for (String path : List.of("/", "/login", "/signup", base + "/Home", base + "/-/search?q=home")) {
            visit(browser, path, problems);
        }
        site.logIn(admin.username(), admin.password());
        for (String path : List.of("/", "/select", "/select?q=zzzz", "/account", "/admin", "/admin/open-wikis", "/admin/nodes",
                base + "/Home",
                base + "/Home?revision=" + revision,
                base + "/-/history/Home", base + "/-/diff/Home?from=" + revision + "&to=" + revision + "&mode=side",
                base + "/-/blame/Home", base + "/-/blame/Home?revision=" + revision,
                base + "/-/changelog", base + "/-/deleted", base + "/-/index", base + "/-/search?q=other", base + "/-/settings",
                base + "/-/members", base + "/-/tokens", base + "/-/look", base + "/-/snapshots",
                base + "/-/attachments/Home", "/admin/schemas", base + "/-/rename/Home", base + "/-/delete/Other",
                base + "/Missing", base + "/Gone", base + "/-/nothing")) {
            visit(browser, path, problems);
        }
        visit(browser, base + "/-/edit/Home", problems);
        browser.waitFor(".editor-toolbar");
        // Every toolbar button shows its icon: the icon font's style gives each one a glyph (none without it).
        Object iconless = browser.js("return [...document.querySelectorAll('.editor-toolbar button')]"
                + ".filter(b => { const i = b.querySelector('i') || b;"
                + " const glyph = getComputedStyle(i, '::before').content;"
                + " return !glyph || glyph === 'none' || glyph === 'normal' || glyph === '\"\"'; })"
                + ".map(b => b.className).join(' | ')");
        assertThat(iconless).as("editor toolbar buttons without an icon").isEqualTo("");
        browser.find(".editor-toolbar button.side-by-side").click();
        browser.waitFor(".editor-preview-side.editor-preview-active-side h1");
        // Readable in both themes: text against its background at WCAG AA (4.5:1) in the editor and its preview.
        for (String theme : List.of("light", "dark")) {
            for (String part : List.of(".EasyMDEContainer .CodeMirror", ".editor-preview-side")) {
                String measured = (String) browser.js(
                        "document.documentElement.setAttribute('data-theme', arguments[0]);"
                        + "const lum = c => { const m = c.match(/[0-9.]+/g).map(Number);"
                        + " const f = v => { v /= 255;"
                        + " return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };"
                        + " return 0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]); };"
                        + "const s = getComputedStyle(document.querySelector(arguments[1]));"
                        + "const a = lum(s.color), b = lum(s.backgroundColor);"
                        + "return ((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)).toFixed(2)"
                        + " + ' ' + s.color + ' on ' + s.backgroundColor;", theme, part);
                assertThat(Double.parseDouble(measured.split(" ")[0])).as("contrast of %s in the %s theme: %s",
                        part, theme, measured).isGreaterThanOrEqualTo(4.5);
            }
        }
        problems.addAll(errorsIn(browser.consoleLog(), base + "/-/edit/Home (side by side)"));
        // A confirmation screen: revoking the token.
        visit(browser, base + "/-/tokens", problems);
        browser.clickAndWait(browser.find("form.revoke-token-form button"));
        browser.waitFor("#confirm-form");
        problems.addAll(errorsIn(browser.consoleLog(), "the confirmation screen"));

        assertThat(problems).as("CSP violations and console errors").isEmpty();
        assertThat(token).isNotBlank();
    }

    /**
     * axe-core over every screen the test above visits, at desktop and phone width, in the light and the dark
     * theme: no violation of impact serious or critical (contrast, names of links, buttons and fields, landmarks…).
     */
    @Test
    void noScreenHasASeriousOrCriticalAccessibilityViolation() {
        TestUser admin = Fixtures.admin();
        TestWiki wiki = Fixtures.newWiki(admin, true);
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        String revision = wiki.pages(admin.client()).create("Home", "# Home\n\n## Part\n\nSee [[Other]] and `code`.\n\n"
                + "```java\nclass A {}\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n- [ ] task\n\n> [!NOTE]\n> A note.\n");
        wiki.pages(admin.client()).create("Other", "# Other\n\nBack to [[Home]].\n");
        wiki.pages(admin.client()).create("Gone", "Deleted to show its page's Restore button.");
        wiki.pages(admin.client()).delete("Gone").expect(200);
        admin.client().post(wiki.api() + "/tokens", Map.of("name", "axe", "role", "viewer")).expect(201);
        String pagedSearch = searchWithPages(admin, wiki);
        Browser browser = chromium.browser();
        List<String> violations = new ArrayList<>();
        List<String> signedOut = List.of("/", "/login", "/signup", base + "/Home", base + "/-/search?q=home");
        List<String> signedIn = List.of("/", "/select", "/select?q=zzzz", "/account", "/admin", "/admin/open-wikis", "/admin/nodes",
                base + "/Home", base + "/Home?revision=" + revision,
                base + "/-/history/Home", base + "/-/diff/Home?from=" + revision + "&to=" + revision + "&mode=side",
                base + "/-/blame/Home", base + "/-/blame/Home?revision=" + revision,
                base + "/-/changelog", base + "/-/deleted", base + "/-/index",
                base + "/-/search?q=other", base + "/-/settings", base + "/-/members", base + "/-/tokens",
                base + "/-/look", base + "/-/snapshots", base + "/-/attachments/Home", "/admin/schemas",
                base + "/-/rename/Home", base + "/-/delete/Other", base + "/Missing", base + "/Gone",
                base + "/-/nothing", base + "/-/edit/Home", pagedSearch);
        List<org.openqa.selenium.Dimension> sizes = List.of(new org.openqa.selenium.Dimension(1280, 1024),
                new org.openqa.selenium.Dimension(390, 844));
        for (org.openqa.selenium.Dimension size : sizes) {
            browser.driver().manage().window().setSize(size);
            for (String path : signedOut) {
                checkBothThemes(browser, path, size.getWidth() + "px signed out", violations);
            }
        }
        browser.driver().manage().window().setSize(sizes.get(0));
        chromium.site().logIn(admin.username(), admin.password());
        for (org.openqa.selenium.Dimension size : sizes) {
            browser.driver().manage().window().setSize(size);
            for (String path : signedIn) {
                checkBothThemes(browser, path, size.getWidth() + "px", violations);
            }
            // A confirmation screen: revoking a token.
            browser.open(base + "/-/tokens");
            browser.clickAndWait(browser.find("form.revoke-token-form button"));
            browser.waitFor("#confirm-form");
            for (String theme : List.of("light", "dark")) {
                setTheme(browser, theme);
                violations.addAll(Axe.seriousViolations(browser, "the confirmation screen (" + size.getWidth()
                        + "px, " + theme + ")"));
            }
        }
        assertThat(violations).as("serious or critical accessibility violations found by axe-core").isEmpty();
    }

    /**
     * The second page of a search's results (its summary, numbered hits from 21 and both links to the other pages):
     * 25 pages that all match, once the index has them.
     */
    private static String searchWithPages(TestUser admin, TestWiki wiki) {
        for (int i = 1; i <= 25; i++) {
            wiki.pages(admin.client()).create("lantern-" + i, "# Lantern " + i + "\n\nLantern " + i + " lights the path.");
        }
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (admin.client().get(wiki.api() + "/search?mode=text&q=lantern&limit=30").expect(200).array("hits").size()
                < 25) {
            assertThat(System.nanoTime()).as("the 25 pages indexed in time").isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return "/" + wiki.owner() + "/" + wiki.slug() + "/-/search?mode=text&q=lantern&page=2";
    }

    private static void checkBothThemes(Browser browser, String path, String how, List<String> violations) {
        browser.open(path);
        if (path.contains("/-/edit/")) {
            browser.waitFor(".editor-toolbar");
        }
        for (String theme : List.of("light", "dark")) {
            setTheme(browser, theme);
            violations.addAll(Axe.seriousViolations(browser, path + " (" + how + ", " + theme + ")"));
            if (path.endsWith("/Home") || path.contains("/-/edit/") || path.startsWith("/select")) {
                browser.saveEvidence("axe-" + path.replaceAll("^.*/", "").replaceAll("[^A-Za-z]", "-") + "-"
                        + how.replace(' ', '-') + "-" + theme + (path.contains("/-/edit/") ? "-editor" : ""));
            }
        }
    }

    private static void setTheme(Browser browser, String theme) {
        browser.js("document.documentElement.setAttribute('data-theme', arguments[0]);", theme);
        // Colours fade to the new theme (CSS transitions): judge them once they have arrived.
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "getComputedStyle(document.body).color;"
                + "requestAnimationFrame(() => requestAnimationFrame(() =>"
                + " Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition)"
                + ".map(a => a.finished.catch(() => null))).then(() => done(true))));");
    }

    @Test
    void theWikiListFitsAPhoneFiltersAsOneTypesAndReadsInBothThemes() {
        TestUser admin = Fixtures.admin();
        TestWiki wiki = Fixtures.newWiki(admin, true);
        wiki.pages(admin.client()).create("Home", "# Home");
        Browser browser = chromium.browser();
        chromium.site().logIn(admin.username(), admin.password());
        browser.open("/" + wiki.owner() + "/" + wiki.slug() + "/Home");
        browser.find("#wiki-switch").click();
        browser.waitFor("#wiki-choices");
        assertThat(browser.path()).isEqualTo("/select");
        assertThat(browser.findAll("#wiki-choices .wiki-choice").get(0).getText()).contains(wiki.slug());
        browser.saveEvidence("select-desktop-light");
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.open("/select");
        browser.saveEvidence("select-phone-light");
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("the list fits the phone's width").isEqualTo(true);
        browser.js("document.documentElement.setAttribute('data-theme', 'dark')");
        browser.saveEvidence("select-phone-dark");
        browser.fill("#wiki-filter", "no wiki is called this");
        assertThat(browser.find("#no-match").isDisplayed()).isTrue();
        assertThat(browser.findAll("#wiki-choices .wiki-choice").stream().noneMatch(row -> row.isDisplayed()))
                .isTrue();
        browser.fill("#wiki-filter", wiki.slug());
        assertThat(browser.findAll("#wiki-choices .wiki-choice").stream().filter(row -> row.isDisplayed()).count())
                .isEqualTo(1);
        assertThat(errorsIn(browser.consoleLog(), "/select")).isEmpty();
    }

    @Test
    void aVisitorsBrowserRemembersTheWikiItReadAndTheSitesAddressLeadsBackToIt() {
        TestUser admin = Fixtures.admin();
        TestWiki wiki = Fixtures.newWiki(admin, true);
        wiki.pages(admin.client()).create("Home", "# Remembered");
        Browser browser = chromium.browser();
        browser.open("/" + wiki.owner() + "/" + wiki.slug() + "/Home");
        assertThat(String.valueOf(browser.js("return document.cookie"))).contains("wikifarm-wikis=" + wiki.id());
        browser.open("/");
        assertThat(browser.path()).isEqualTo("/" + wiki.owner() + "/" + wiki.slug() + "/");
        browser.open("/");
        assertThat(browser.path()).as("once per browser session").isEqualTo("/");
        assertThat(errorsIn(browser.consoleLog(), "/")).isEmpty();
    }

    @Test
    void atPhoneWidthTheHeaderIsOneRowWithAMenuThatOpensAndWorks() {
        TestUser admin = Fixtures.admin();
        TestWiki wiki = Fixtures.newWiki(admin, true);
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        wiki.pages(admin.client()).create("Home", "# Home\n\nA page with a wide table and long code.\n\n"
                + "| " + "column ".repeat(12).strip().replace(" ", " | ") + " |\n"
                + "|" + "---|".repeat(12) + "\n"
                + "| " + "a-rather-long-cell-value ".repeat(12).strip().replace(" ", " | ") + " |\n\n"
                + "```\n" + "x".repeat(300) + "\n```\n");
        Browser browser = chromium.browser();
        chromium.site().logIn(admin.username(), admin.password());
        browser.open(base + "/Home");
        assertThat(browser.find("#site-menu-button").isDisplayed()).as("no menu button at desktop width").isFalse();
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.open(base + "/Home");

        long headerHeight = ((Number) browser.js(
                "return document.querySelector('.site-header').getBoundingClientRect().height")).longValue();
        assertThat(headerHeight).as("the closed header: brand, wiki name and the menu button in one row")
                .isLessThan(90);
        assertThat(browser.find("#site-menu-button").isDisplayed()).isTrue();
        assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("a wide table or long code scrolls in its own box, not the page").isEqualTo(true);
        assertThat(browser.find("#site-menu").isDisplayed()).as("the menu starts closed").isFalse();

        browser.find("#site-menu-button").click();
        assertThat(browser.find("#site-menu").isDisplayed()).isTrue();
        for (String link : List.of("#site-menu a[href$='/-/index']", "#site-menu a[href$='/-/changelog']",
                "#theme-toggle")) {
            Object onTop = browser.js("const e = document.querySelector(arguments[0]); e.scrollIntoView();"
                    + "const r = e.getBoundingClientRect();"
                    + "return r.width > 0 && document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === e;",
                    link);
            assertThat(onTop).as("%s is visible and nothing covers it", link).isEqualTo(true);
        }
        long searchWidth = ((Number) browser.js(
                "return document.querySelector('#header-search-box').getBoundingClientRect().width")).longValue();
        assertThat(searchWidth).as("the search box gets the menu's width, not its icon's").isGreaterThan(250);
        browser.find("#site-menu a[href$='/-/index']").click();
        browser.waitFor("#page-index");
        assertThat(errorsIn(browser.consoleLog(), "phone")).isEmpty();
    }

    private static void visit(Browser browser, String path, List<String> problems) {
        browser.open(path);
        problems.addAll(errorsIn(browser.consoleLog(), path));
    }

    /** Console entries that are errors; a page's own 4xx status is logged too, and is what the screen is for. */
    private static List<String> errorsIn(List<String> console, String where) {
        return console.stream()
                .filter(line -> line.contains("SEVERE") || line.contains("Content Security Policy")
                        || line.contains("Refused to"))
                .filter(line -> !line.contains("the server responded with a status of 404")
                        && !line.contains("the server responded with a status of 401"))
                .map(line -> where + ": " + line)
                .toList();
    }
}
