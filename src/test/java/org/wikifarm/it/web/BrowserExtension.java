package org.wikifarm.it.web;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Chromium per test, started on first use and closed after the test. When a test fails, the screen, its HTML
 * and the console log are saved to {@link Browser#SCREENSHOTS} before the browser closes.
 *
 * <pre>{@code @RegisterExtension final BrowserExtension chromium = new BrowserExtension();}</pre>
 */
public final class BrowserExtension implements AfterTestExecutionCallback, AfterEachCallback {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private Browser browser;

    public Browser browser() {
        if (browser == null) {
            browser = Browser.start();
        }
        return browser;
    }

    /** The site as a signed-out visitor sees it in this test's browser. */
    public Site site() {
        return new Site(browser());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (browser != null && context.getExecutionException().isPresent()) {
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName()
                    + "-" + LocalDateTime.now().format(STAMP);
            Path saved = browser.saveEvidence(name);
            System.err.println("Browser test failed on " + browser.url() + "; screenshot: " + saved);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
