package org.wikifarm.it.web;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.CapabilityType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wikifarm.it.ApiClient;
import org.wikifarm.it.Fixtures;

/**
 * One headless Chromium (Debian's {@code chromium} + {@code chromium-driver}) with a fresh profile, pointed at the
 * IT Tomcat. Nothing is ever downloaded: the driver and browser paths are explicit, so Selenium Manager never
 * runs, and the flags keep Chromium from reaching the network on its own.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMEDRIVER = Path.of(System.getProperty("wikifarm.it.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("wikifarm.it.chromium", "/usr/bin/chromium"));
    /** Screenshots, page sources and console logs of failed browser tests. */
    static final Path SCREENSHOTS = Fixtures.DATA.toAbsolutePath().getParent().resolve("screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Selenium warns on every start that Debian's Chromium is newer than its CDP bindings; we use no CDP. */
    private static final Logger CDP_VERSION_WARNINGS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    public static Browser start() {
        return start(List.of());
    }

    /** @param extraArguments more Chromium flags, e.g. {@code --host-resolver-rules=MAP *.farm.test 127.0.0.1} */
    public static Browser start(List<String> extraArguments) {
        CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
        requireInstalled(CHROMEDRIVER, "chromium-driver");
        requireInstalled(CHROMIUM, "chromium");
        // Belt and braces: with an explicit driver path Selenium Manager is not consulted at all.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("wikifarm-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Chromium profile folder", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1024", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        // Leave any alert open so a test can see it, instead of the driver dismissing it.
        options.setCapability(CapabilityType.UNHANDLED_PROMPT_BEHAVIOUR, UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(profile, service, driver);
    }

    private static void requireInstalled(Path file, String debianPackage) {
        if (!Files.isExecutable(file)) {
            throw new IllegalStateException(file + " is missing: the browser tests need Debian's chromium and "
                    + "chromium-driver (`apt-get install -y chromium chromium-driver`, as .ci/run does), not "
                    + "package " + debianPackage + " alone");
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Loads a path of the IT server, e.g. {@code /signup}, and waits until the document is complete. */
    public void open(String path) {
        driver.get(ApiClient.BASE + path);
        waitUntilLoaded();
    }

    /** The current URL's path, percent-decoded, e.g. {@code /alice/notes/Second Page}. */
    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** The HTTP status of the document on screen (Navigation Timing; Chromium has had it since 109). */
    public int status() {
        Object status = js("var n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : -1;");
        return ((Number) status).intValue();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean has(String css) {
        return !findAll(css).isEmpty();
    }

    /** Waits for an element that a new screen is recognised by, and returns it. */
    public WebElement waitFor(String css) {
        try {
            return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no element '" + css + "' on " + driver.getCurrentUrl() + " (status " + status()
                    + ", title '" + driver.getTitle() + "') within " + WAIT.toSeconds() + " s", e);
        }
    }

    /** Clicks something that loads a new document (a submit button, a link) and waits until it has loaded. */
    public void clickAndWait(WebElement element) {
        WebElement oldRoot = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, WAIT).until(d -> isGone(oldRoot));
        waitUntilLoaded();
    }

    /**
     * Whether an element's document has been replaced. Chrome reports it as a stale element or, caught in the middle
     * of the navigation, as "Node with given id does not belong to the document" (which Selenium's
     * {@code stalenessOf} does not recognise and throws).
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    public void waitUntilLoaded() {
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(js("return document.readyState;")));
    }

    /** Types into a form field, replacing what was there. */
    public void fill(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a field's value without typing (for text with newlines or characters an IME would touch). */
    public void setValue(String css, String text) {
        js("var el = document.querySelector(arguments[0]); el.value = arguments[1];"
                + "el.dispatchEvent(new Event('input', {bubbles: true}));", css, text);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** The console messages logged since the last call (the driver hands each entry out once). */
    public List<String> consoleLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /**
     * The page as people see it: {@code <name>-desktop-light}, {@code -desktop-dark} and {@code -phone-dark} (390 × 844);
     * the window is put back to 1280 × 1024, the theme stays dark until the next page.
     */
    public void saveEvidenceLightDarkPhone(String name) {
        saveEvidence(name + "-desktop-light");
        js("document.documentElement.setAttribute('data-theme', 'dark')");
        saveEvidence(name + "-desktop-dark");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        saveEvidence(name + "-phone-dark");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1024));
    }

    /** Saves a screenshot, the page source and the console log under {@link #SCREENSHOTS}; returns the PNG. */
    public Path saveEvidence(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path png = SCREENSHOTS.resolve(name + ".png");
            if (alertOpen()) {
                Files.writeString(SCREENSHOTS.resolve(name + ".alert.txt"), driver.switchTo().alert().getText());
                driver.switchTo().alert().dismiss();
            }
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"),
                    "<!-- " + driver.getCurrentUrl() + " (status " + status() + ") -->\n" + driver.getPageSource());
            Files.write(SCREENSHOTS.resolve(name + ".console.txt"), consoleLog());
            return png;
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save browser evidence for " + name + ": " + e);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A leftover temp profile is harmless.
        }
    }
}
