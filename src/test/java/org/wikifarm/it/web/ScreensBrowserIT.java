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
 * editor included with its preview open side by side.
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
        String token = admin.client().post(wiki.api() + "/tokens", Map.of("name", "csp", "role", "viewer"))
                .expect(201).text("id");
        Browser browser = chromium.browser();
        Site site = chromium.site();
        List<String> problems = new ArrayList<>();

        for (String path : List.of("/", "/login", "/signup", base + "/Home", base + "/-/search?q=home")) {
            visit(browser, path, problems);
        }
        site.logIn(admin.username(), admin.password());
        for (String path : List.of("/", "/account", "/admin", base + "/Home", base + "/Home?revision=" + revision,
                base + "/-/history/Home", base + "/-/diff/Home?from=" + revision + "&to=" + revision + "&mode=side",
                base + "/-/blame/Home", base + "/-/blame/Home?revision=" + revision,
                base + "/-/changelog", base + "/-/index", base + "/-/search?q=other", base + "/-/settings",
                base + "/-/members", base + "/-/tokens", base + "/-/rename/Home", base + "/-/delete/Other",
                base + "/Missing", base + "/-/nothing")) {
            visit(browser, path, problems);
        }
        visit(browser, base + "/-/edit/Home", problems);
        browser.waitFor(".editor-toolbar");
        browser.find(".editor-toolbar button.side-by-side").click();
        browser.waitFor(".editor-preview-side.editor-preview-active-side h1");
        problems.addAll(errorsIn(browser.consoleLog(), base + "/-/edit/Home (side by side)"));
        // A confirmation screen: revoking the token.
        visit(browser, base + "/-/tokens", problems);
        browser.clickAndWait(browser.find("form.revoke-token-form button"));
        browser.waitFor("#confirm-form");
        problems.addAll(errorsIn(browser.consoleLog(), "the confirmation screen"));

        assertThat(problems).as("CSP violations and console errors").isEmpty();
        assertThat(token).isNotBlank();
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
