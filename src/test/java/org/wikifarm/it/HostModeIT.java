package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wikifarm.it.HostBrowser.Answer;
import org.wikifarm.it.web.Browser;

/**
 * Signing in on a host-mode farm ({@code baseDomain=wikifarm.test}, a Tomcat of this test's own): the session cookie
 * holds on the platform's host and every wiki host under it; a wiki's sign-in links lead to the platform and back,
 * never to another site; CSRF tokens and signing out work across hosts; a wiki on a custom domain gets its own session
 * through a one-time ticket, and signing out anywhere signs out everywhere. Hosts are named in the Host header (and,
 * for Chromium, mapped to 127.0.0.1 with {@code --host-resolver-rules}).
 */
class HostModeIT {
    private static final String BASE = "wikifarm.test";
    private static final String ALICE_HOST = "alice." + BASE;
    private static final String DOCS = "docs.example.test";
    private static final String OTHER_DOMAIN = "other.example.test";
    private static final String ALICE_PASSWORD = "alice-password-long";

    private static OwnTomcat farm;

    @BeforeAll
    static void startFarm() throws Exception {
        Path root = OwnTomcat.BUILD.resolve("host-mode-it-" + System.nanoTime());
        farm = new OwnTomcat(root.resolve("tomcat"), root.resolve("data"), Map.of("baseDomain", BASE));
        farm.start();
        api("POST", BASE, "/api/v1/users", null, "{\"username\":\"boss\",\"password\":\"boss-password-long\"}", 201);
        api("POST", BASE, "/api/v1/users", null, "{\"username\":\"alice\",\"password\":\"" + ALICE_PASSWORD + "\"}",
                201);
        api("POST", BASE, "/api/v1/users", null, "{\"username\":\"bob\",\"password\":\"bob-password-long\"}", 201);
        api("POST", BASE, "/api/v1/wikis", "alice", "{\"slug\":\"notes\",\"is_public\":false}", 201);
        String guide = api("POST", BASE, "/api/v1/wikis", "alice", "{\"slug\":\"guide\",\"is_public\":true}", 201)
                .path("id").asText();
        String handbook = api("POST", BASE, "/api/v1/wikis", "alice", "{\"slug\":\"handbook\",\"is_public\":true}",
                201).path("id").asText();
        // Each new wiki has its first Home: rewrite it.
        for (String[] home : new String[][] {{"notes", "# Notes"}, {"guide", "# Guide"}, {"handbook", "# Handbook"}}) {
            String page = "/" + home[0] + "/api/v1/pages/Home";
            String revision = api("GET", ALICE_HOST, page, "alice", null, 200).path("revision").asText();
            api("PUT", ALICE_HOST, page, "alice", "{\"content\":\"" + home[1] + "\",\"revision\":\"" + revision
                    + "\"}", 200);
        }
        api("PUT", BASE, "/api/v1/admin/wikis/" + guide + "/domains/" + DOCS, "boss", null, 200);
        api("PUT", BASE, "/api/v1/admin/wikis/" + handbook + "/domains/" + OTHER_DOMAIN, "boss", null, 200);
        api("PUT", ALICE_HOST, "/handbook/api/v1/settings", "alice", "{\"custom_slug\":\"manual\"}", 200);
    }

    @AfterAll
    static void stopFarm() throws Exception {
        if (farm != null) {
            farm.close();
        }
    }

    @Test
    void theSessionCookieHoldsOnThePlatformAndEveryWikiHostUnderIt() {
        HostBrowser browser = signedIn();
        Answer login = new HostBrowser(farm.port()).get(BASE, "/login");
        assertThat(login.setCookies()).as("%s", login).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").containsIgnoringCase("Domain=" + BASE).contains("HttpOnly"));

        Answer notes = browser.get(ALICE_HOST, "/notes/");

        assertThat(notes.status()).as("%s", notes).isEqualTo(200);
        assertThat(notes.body()).contains("id=\"account-link\">alice<");
    }

    @Test
    void inPathModeTheSessionCookieStaysHostOnly() {
        ApiResponse login = WebSession.newVisitor().get("/login");

        assertThat(login.headers().allValues("Set-Cookie")).as("%s", login)
                .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID="))
                .allSatisfy(cookie -> assertThat(cookie).doesNotContainIgnoringCase("Domain="));
    }

    @Test
    void signingInFromAWikiHostGoesToThePlatformAndBack() {
        HostBrowser browser = new HostBrowser(farm.port());
        String page = browser.url(ALICE_HOST, "/notes/Home");

        Answer refused = browser.get(ALICE_HOST, "/notes/Home");
        assertThat(refused.status()).as("%s", refused).isEqualTo(303);
        assertThat(refused.location()).isEqualTo(browser.url(BASE, "/login?next=") + encode(page));
        Answer form = browser.follow(refused.location());
        assertThat(form.status()).as("%s", form).isEqualTo(200);
        assertThat(form.body()).contains("name=\"next\" value=\"" + page + "\"");

        Answer signedIn = browser.submit(BASE, "/login",
                Map.of("username", "alice", "password", ALICE_PASSWORD, "next", page));

        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo(page);
        Answer back = browser.follow(signedIn.location());
        assertThat(back.status()).as("%s", back).isEqualTo(200);
        assertThat(back.body()).contains("id=\"account-link\">alice<").contains("Notes");
    }

    @Test
    void theHeaderLinksOfAWikiHostLeadToThePlatformHost() {
        HostBrowser visitor = new HostBrowser(farm.port());
        Answer guide = visitor.get(ALICE_HOST, "/guide/");
        // Alice's URL of a wiki with a custom slug answers 301 to it; follow it like a browser would.
        Answer wiki = guide.status() == 301 ? visitor.follow(guide.location()) : guide;

        assertThat(wiki.body()).as("%s", wiki)
                .contains("id=\"login-link\"")
                .contains("href=\"" + visitor.url(BASE, "/login?next=") + "http%3A%2F%2F" + ALICE_HOST)
                .contains("href=\"" + visitor.url(BASE, "/signup?next="));
        HostBrowser signedIn = signedIn();
        Answer mine = signedIn.get(ALICE_HOST, "/notes/");
        assertThat(mine.body()).contains("action=\"" + signedIn.url(BASE, "/logout") + "\"")
                .contains("href=\"" + signedIn.url(BASE, "/account") + "\"");
    }

    @Test
    void signingInNeverLeadsOffTheFarm() {
        for (String elsewhere : List.of("http://evil.test:" + farm.port() + "/", "//evil.test/",
                "http://" + BASE + ".evil.test:" + farm.port() + "/", "http://" + BASE + ":" + farm.port() + "@evil.test/",
                "https://" + ALICE_HOST + "/", "javascript:alert(1)")) {
            HostBrowser browser = new HostBrowser(farm.port());
            browser.get(BASE, "/login?next=" + encode(elsewhere));

            Answer signedIn = browser.submit(BASE, "/login",
                    Map.of("username", "alice", "password", ALICE_PASSWORD, "next", elsewhere));

            assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(303);
            assertThat(signedIn.location()).as("after signing in with next=%s", elsewhere).isEqualTo("/");
        }
    }

    @Test
    void formsOnAWikiHostUseTheSameCsrfTokenAndSigningOutThereEndsTheSession() {
        HostBrowser browser = signedIn();
        Answer notes = browser.get(ALICE_HOST, "/notes/-/edit/Home");
        assertThat(notes.status()).as("%s", notes).isEqualTo(200);
        String revision = field(notes.body(), "revision");

        Answer saved = browser.submit(ALICE_HOST, "/notes/-/edit/Home",
                Map.of("content", "# Notes\nEdited on the wiki's host.\n", "revision", revision, "message", "edit"));
        assertThat(saved.status()).as("a wiki form with the session's token: %s", saved).isEqualTo(303);
        Answer forged = browser.submit(ALICE_HOST, "/notes/-/edit/Home",
                Map.of("content", "forged", "revision", revision, "csrf", "0".repeat(64)));
        assertThat(forged.status()).as("%s", forged).isEqualTo(403);

        Answer out = browser.submit(BASE, "/logout", Map.of());

        assertThat(out.status()).as("signing out with the token of the wiki host's page: %s", out).isEqualTo(303);
        assertThat(browser.get(ALICE_HOST, "/notes/").status()).as("signed out on the wiki host too").isEqualTo(303);
        assertThat(browser.get(BASE, "/").body()).contains("id=\"login-link\"");
    }

    @Test
    void aCustomDomainGetsItsOwnSessionByAOneTimeTicket() {
        HostBrowser browser = signedIn();
        Answer anonymous = browser.get(DOCS, "/Home");
        assertThat(anonymous.body()).as("%s", anonymous).contains("href=\"/-/sign-in?next=%2FHome\"");

        String ticketUrl = ticketFor(browser, "/Home");
        Answer redeemed = browser.follow(ticketUrl);

        assertThat(redeemed.status()).as("%s", redeemed).isEqualTo(303);
        assertThat(redeemed.location()).isEqualTo("/Home");
        assertThat(redeemed.setCookies()).as("a session cookie for the custom domain only: %s", redeemed)
                .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").doesNotContainIgnoringCase("Domain="));
        Answer home = browser.get(DOCS, "/Home");
        assertThat(home.body()).as("%s", home).contains("id=\"account-link\">alice<")
                .contains("action=\"/-/logout\"");
        assertThat(browser.cookiesFor(DOCS, "/Home").get("JSESSIONID"))
                .as("the custom domain has a session of its own, not the platform's id")
                .isNotEqualTo(browser.cookiesFor(BASE, "/").get("JSESSIONID"));

        Answer replayed = browser.follow(ticketUrl);
        assertThat(replayed.status()).as("a ticket works once: %s", replayed).isEqualTo(400);
    }

    @Test
    void aTicketIsWorthNothingInAnotherBrowserOrOnAnotherHost() {
        HostBrowser alice = signedIn();
        String ticketUrl = ticketFor(alice, "/Home");
        URI ticket = URI.create(ticketUrl);

        HostBrowser attackersVictim = new HostBrowser(farm.port());
        Answer elsewhere = attackersVictim.get(DOCS, ticket.getRawPath() + "?" + ticket.getRawQuery());
        assertThat(elsewhere.status()).as("without the nonce cookie of the browser that started: %s", elsewhere)
                .isEqualTo(400);
        assertThat(attackersVictim.get(DOCS, "/Home").body()).contains("id=\"login-link\"");

        // Even with the right nonce, a ticket made for one custom domain is refused on another.
        URI moved = URI.create(ticketFor(alice, "/Home"));
        String nonce = alice.cookiesFor(DOCS, "/-/session").get("wikifarm_sign_in");
        Answer onOtherHost = alice.send("GET", OTHER_DOMAIN, moved.getRawPath() + "?" + moved.getRawQuery(), null,
                null, Map.of("Cookie", "wikifarm_sign_in=" + nonce));
        assertThat(onOtherHost.status()).as("on another custom domain: %s", onOtherHost).isEqualTo(400);
        assertThat(alice.follow(moved.toString()).status()).as("and it is used up").isEqualTo(400);
    }

    @Test
    void signingOutOnACustomDomainSignsOutOnThePlatformToo() {
        HostBrowser browser = signedIn();
        browser.follow(ticketFor(browser, "/Home"));
        browser.get(DOCS, "/Home");

        Answer out = browser.submit(DOCS, "/-/logout", Map.of());

        assertThat(out.status()).as("%s", out).isEqualTo(303);
        assertThat(browser.get(DOCS, "/Home").body()).contains("id=\"login-link\"");
        assertThat(browser.get(BASE, "/").body()).as("the platform session ended too").contains("id=\"login-link\"");
        assertThat(browser.get(ALICE_HOST, "/notes/").status()).isEqualTo(303);
    }

    @Test
    void signingOutOnThePlatformSignsOutOnTheCustomDomainToo() {
        HostBrowser browser = signedIn();
        browser.follow(ticketFor(browser, "/Home"));
        assertThat(browser.get(DOCS, "/Home").body()).contains("id=\"account-link\">alice<");
        browser.get(BASE, "/select");

        browser.submit(BASE, "/logout", Map.of());

        assertThat(browser.get(DOCS, "/Home").body()).as("the custom domain's session ended with the platform's")
                .contains("id=\"login-link\"");
    }

    @Test
    void signingInOnThePlatformFormForACustomDomainContinuesByAPageNotARedirect() {
        HostBrowser browser = new HostBrowser(farm.port());
        Answer start = browser.get(DOCS, "/-/sign-in?next=%2FHome");
        String login = start.location();
        assertThat(login).as("%s", start).startsWith(browser.url(BASE, "/login?next="));
        Map<String, String> query = query(URI.create(login).getRawQuery());
        browser.follow(login);

        Answer signedIn = browser.submit(BASE, "/login", Map.of("username", "alice", "password", ALICE_PASSWORD,
                "next", query.get("next"), "handoff", query.get("handoff")));

        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(200);
        String refresh = signedIn.header("Refresh");
        assertThat(refresh).startsWith("0; url=" + browser.url(DOCS, "/-/session?ticket="));
        Answer redeemed = browser.follow(refresh.substring("0; url=".length()));
        assertThat(redeemed.status()).as("%s", redeemed).isEqualTo(303);
        assertThat(browser.get(DOCS, "/Home").body()).contains("id=\"account-link\">alice<");
    }

    @Test
    void aCustomSlugHostCannotBeCapturedByANewAccount() {
        HostBrowser visitor = new HostBrowser(farm.port());
        assertThat(visitor.get("manual." + BASE, "/").body()).contains("Handbook");

        api("POST", BASE, "/api/v1/users", null, "{\"username\":\"manual\",\"password\":\"long-enough-password\"}",
                409);

        assertThat(visitor.get("manual." + BASE, "/").body()).as("still the wiki's host").contains("Handbook");
    }

    @Test
    void onlyAPlatformAdminRegistersACustomDomain() {
        JsonNode wikis = api("GET", BASE, "/api/v1/wikis", "alice", null, 200);
        String notes = wikis.path("wikis").findValuesAsText("id").get(0);
        api("PUT", BASE, "/api/v1/admin/wikis/" + notes + "/domains/mine.example.test", "alice", null, 403);
        api("PUT", BASE, "/api/v1/admin/wikis/" + notes + "/domains/" + DOCS, "boss", null, 409);
        api("PUT", BASE, "/api/v1/admin/wikis/" + notes + "/domains/sub." + BASE, "boss", null, 400);
        api("PUT", BASE, "/api/v1/admin/wikis/" + notes + "/domains/127.0.0.1", "boss", null, 400);
    }

    /** Chromium, with every host of the farm mapped to this machine: sign in, hand over, sign out everywhere. */
    @Test
    void aBrowserSignsInAndOutOnEveryHost() {
        Browser browser = Browser.start(List.of("--host-resolver-rules=MAP " + BASE + " 127.0.0.1, MAP *." + BASE
                + " 127.0.0.1, MAP " + DOCS + " 127.0.0.1"));
        try {
            String notes = "http://" + ALICE_HOST + ":" + farm.port() + "/notes/";
            browser.driver().get(notes);
            browser.waitFor("#login-form");
            assertThat(browser.url()).startsWith("http://" + BASE + ":" + farm.port() + "/login?next=");
            browser.fill("#username", "alice");
            browser.fill("#password", ALICE_PASSWORD);
            browser.clickAndWait(browser.find("#login-submit"));
            browser.waitFor("#account-link");
            assertThat(browser.url()).isEqualTo(notes);

            browser.driver().get("http://" + DOCS + ":" + farm.port() + "/Home");
            browser.waitFor("#login-link");
            browser.clickAndWait(browser.find("#login-link"));
            browser.waitFor("#account-link");
            assertThat(browser.url()).isEqualTo("http://" + DOCS + ":" + farm.port() + "/Home");

            browser.clickAndWait(browser.find("#logout-button"));
            browser.waitFor("#login-link");
            browser.driver().get(notes);
            browser.waitFor("#login-form");

            // Signing in from the custom domain: the platform's form, then a page that continues by itself.
            browser.driver().get("http://" + DOCS + ":" + farm.port() + "/Home");
            browser.waitFor("#login-link");
            browser.clickAndWait(browser.find("#login-link"));
            browser.waitFor("#login-form");
            browser.fill("#username", "alice");
            browser.fill("#password", ALICE_PASSWORD);
            browser.find("#login-submit").click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver ->
                    driver.getCurrentUrl().startsWith("http://" + DOCS + ":" + farm.port() + "/Home")
                            && !driver.findElements(org.openqa.selenium.By.id("account-link")).isEmpty());
        } catch (RuntimeException | AssertionError e) {
            browser.saveEvidence("HostModeIT-browser");
            throw e;
        } finally {
            browser.close();
        }
    }

    /** A browser signed in as alice on the platform's host. */
    private static HostBrowser signedIn() {
        HostBrowser browser = new HostBrowser(farm.port());
        browser.get(BASE, "/login");
        Answer login = browser.submit(BASE, "/login", Map.of("username", "alice", "password", ALICE_PASSWORD));
        assertThat(login.status()).as("%s", login).isEqualTo(303);
        return browser;
    }

    /** Starts signing in on the custom domain for a signed-in browser; returns the ticket address it is sent to. */
    private static String ticketFor(HostBrowser browser, String next) {
        Answer start = browser.get(DOCS, "/-/sign-in?next=" + encode(next));
        assertThat(start.status()).as("%s", start).isEqualTo(303);
        assertThat(start.setCookies()).anySatisfy(cookie -> assertThat(cookie).startsWith("wikifarm_sign_in=")
                .contains("Path=/-/session").contains("HttpOnly"));
        Answer platform = browser.follow(start.location());
        assertThat(platform.status()).as("already signed in on the platform: %s", platform).isEqualTo(303);
        assertThat(platform.location()).startsWith(browser.url(DOCS, "/-/session?ticket="));
        return platform.location();
    }

    private static JsonNode api(String method, String host, String path, String user, String json, int status) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (user != null) {
            String password = user.equals("alice") ? ALICE_PASSWORD : user + "-password-long";
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        Answer answer = new HostBrowser(farm.port()).send(method, host, path,
                method.equals("GET") ? null : "application/json", json, headers);
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        try {
            return answer.body().isBlank() ? null : ApiClient.JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    private static String field(String html, String name) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"")
                .matcher(html);
        assertThat(value.find()).as("a %s field", name).isTrue();
        return value.group(1);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
