package org.wikifarm.it.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The axe-core accessibility engine (from npm, installed into {@code src/test/mcp-client} by {@code .ci/run})
 * run inside the page on screen. WebDriver's script injection is not subject to the page's content security
 * policy, so the product's strict CSP stays as it is while axe runs.
 */
final class Axe {
    static final Path SCRIPT = Path.of("src/test/mcp-client/node_modules/axe-core/axe.min.js").toAbsolutePath();
    private static String source;

    private Axe() {
    }

    /**
     * The violations of impact {@code serious} or {@code critical} on the current screen, one line each:
     * {@code where: rule (impact) at target: what failed}.
     */
    static List<String> seriousViolations(Browser browser, String where) {
        if (!Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object';"))) {
            browser.js(source());
        }
        Object found = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".flatMap(v => v.nodes.map(n => v.id + ' (' + v.impact + ') at ' + n.target.join(' ') + ': '"
                + " + (n.failureSummary || v.help).replace(/\\s+/g, ' ')))))"
                + ".catch(e => done(['axe could not run: ' + e]));");
        @SuppressWarnings("unchecked")
        List<Object> lines = (List<Object>) found;
        return lines.stream().map(line -> where + ": " + line).toList();
    }

    private static synchronized String source() {
        if (source == null) {
            if (!Files.isRegularFile(SCRIPT)) {
                throw new IllegalStateException(SCRIPT + " is missing: install the test tools from npm with "
                        + "(cd src/test/mcp-client && npm ci), as .ci/run does");
            }
            try {
                source = Files.readString(SCRIPT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }
}
