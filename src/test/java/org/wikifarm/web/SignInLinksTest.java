package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikifarm.tenant.CurrentTenant;
import org.wikifarm.tenant.FarmHosts;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Slug;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiDirectory;

class SignInLinksTest {
    private static final String BASE = "wikifarm.test";

    private static final Wiki WIKI = new Wiki(TenantId.generate(), 1, new Username("alice"), new Slug("notes"), null,
            "Notes", true, PaymentStatus.FREE, Instant.parse("2026-01-01T00:00:00Z"), null, 0);

    /** The farm's directory: one custom domain is registered. */
    private static final WikiDirectory DIRECTORY = new WikiDirectory() {
        @Override
        public Optional<Wiki> findByOwnerAndSlug(Username owner, Slug slug) {
            return Optional.empty();
        }

        @Override
        public Optional<Wiki> findByCustomSlug(Slug customSlug) {
            return Optional.empty();
        }

        @Override
        public Optional<Wiki> findByDomain(String domain) {
            return domain.equals("docs.example.test") ? Optional.of(WIKI) : Optional.empty();
        }

        @Override
        public boolean userExists(Username username) {
            return false;
        }
    };

    private final SignInLinks hostMode = new SignInLinks(new FarmHosts(BASE, DIRECTORY));
    private final SignInLinks pathMode = new SignInLinks(new FarmHosts(null, DIRECTORY));

    @ParameterizedTest
    @ValueSource(strings = {"http://alice.wikifarm.test:18282/notes/Page?x=1", "http://wikifarm.test:18282/account",
            "http://www.wikifarm.test:18282/", "http://docs.example.test:18282/Home",
            "http://www.docs.example.test:18282/Home", "HTTP://ALICE.WIKIFARM.TEST:18282/notes", "/alice/notes/Page",
            "/account?x=1"})
    void followsAddressesOfThisFarm(String next) {
        assertThat(hostMode.safeNext(request("wikifarm.test:18282", false), next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.test:18282/", "http://wikifarm.test.evil.test:18282/",
            "http://evilwikifarm.test:18282/", "http://alice.wikifarm.test:9999/notes", "http://alice.wikifarm.test/",
            "https://alice.wikifarm.test:18282/", "http://wikifarm.test:18282@evil.test/",
            "http://evil.test\\@wikifarm.test:18282/", "http://%77ikifarm.test:18282/", "ftp://wikifarm.test:18282/",
            "javascript:alert(1)", "data:text/html,x", "//evil.test/", "///evil.test/", "/\\evil.test",
            "http:/wikifarm.test:18282/", "http://unregistered.example:18282/", " /x", "/x y", "/x\ny", "",
            "http://[::1]:18282/", "http://127.0.0.1:18282/", "https:wikifarm.test"})
    void followsNothingElse(String next) {
        assertThat(hostMode.safeNext(request("wikifarm.test:18282", false), next)).isNull();
    }

    @Test
    void overHttpsOnlyHttpsAddressesOnTheDefaultPort() {
        HttpServletRequest secure = request("wikifarm.test", true);

        assertThat(hostMode.safeNext(secure, "https://alice.wikifarm.test/notes")).isNotNull();
        assertThat(hostMode.safeNext(secure, "http://alice.wikifarm.test/notes")).isNull();
        assertThat(hostMode.safeNext(secure, "https://alice.wikifarm.test:8443/notes")).isNull();
    }

    @Test
    void pathModeFollowsOnlyPathsOfThisHost() {
        HttpServletRequest request = request("localhost:8080", false);

        assertThat(pathMode.safeNext(request, "/alice/notes/Page")).isEqualTo("/alice/notes/Page");
        assertThat(pathMode.safeNext(request, "http://localhost:8080/alice")).isNull();
        assertThat(pathMode.safeNext(request, "//localhost/alice")).isNull();
    }

    @Test
    void onAWikiUnderTheBaseDomainTheLinksLeadToThePlatformAndBack() {
        HttpServletRequest request = request("alice.wikifarm.test:18282", false);
        inWiki(request, "/notes/Page");

        SignInLinks.Links links = hostMode.of(request);

        assertThat(links.login()).isEqualTo("http://wikifarm.test:18282/login?next="
                + "http%3A%2F%2Falice.wikifarm.test%3A18282%2Fnotes%2FPage");
        assertThat(links.signup()).startsWith("http://wikifarm.test:18282/signup?next=http%3A%2F%2Falice");
        assertThat(links.logout()).isEqualTo("http://wikifarm.test:18282/logout");
        assertThat(links.account()).isEqualTo("http://wikifarm.test:18282/account");
        assertThat(links.home()).isEqualTo("http://wikifarm.test:18282/");
        assertThat(hostMode.loginUrl(request, "/notes/Secret")).isEqualTo("http://wikifarm.test:18282/login?next="
                + "http%3A%2F%2Falice.wikifarm.test%3A18282%2Fnotes%2FSecret");
    }

    @Test
    void onACustomDomainSigningInAndOutStartOnTheWikisOwnHost() {
        HttpServletRequest request = request("docs.example.test:18282", false);
        inWiki(request, "/Guide");

        SignInLinks.Links links = hostMode.of(request);

        assertThat(links.login()).isEqualTo("/-/sign-in?next=%2FGuide");
        assertThat(links.logout()).isEqualTo("/-/logout");
        assertThat(links.signup()).isEqualTo("http://wikifarm.test:18282/signup?next="
                + "http%3A%2F%2Fdocs.example.test%3A18282%2FGuide");
        assertThat(links.account()).isEqualTo("http://wikifarm.test:18282/account");
    }

    @Test
    void inPathModeEverythingIsAPathOfThisHost() {
        HttpServletRequest request = request("localhost:8080", false);
        inWiki(request, "/alice/notes/Page");

        SignInLinks.Links links = pathMode.of(request);

        assertThat(links.login()).isEqualTo("/login?next=%2Falice%2Fnotes%2FPage");
        assertThat(links.logout()).isEqualTo("/logout");
        assertThat(links.home()).isEqualTo("/");
        assertThat(pathMode.of(request("localhost:8080", false)).login()).as("on the platform's own pages")
                .isEqualTo("/login");
    }

    private static void inWiki(HttpServletRequest request, String uri) {
        request.setAttribute(CurrentTenant.ATTRIBUTE, "a wiki");
        request.setAttribute("test.uri", uri);
    }

    /** A request to {@code host} (with port), over https when {@code secure}. */
    private static HttpServletRequest request(String host, boolean secure) {
        Map<String, Object> attributes = new HashMap<>();
        int colon = host.indexOf(':');
        int port = colon < 0 ? (secure ? 443 : 80) : Integer.parseInt(host.substring(colon + 1));
        return (HttpServletRequest) Proxy.newProxyInstance(SignInLinksTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "Host".equalsIgnoreCase((String) args[0]) ? host : null;
                    case "getScheme" -> secure ? "https" : "http";
                    case "isSecure" -> secure;
                    case "getServerPort" -> port;
                    case "getContextPath" -> "";
                    case "getRequestURI" -> attributes.getOrDefault("test.uri", "/");
                    case "getQueryString" -> null;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
