package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantResolverTest {
    private final FakeDirectory directory = new FakeDirectory();
    private final Wiki aliceNotes = directory.add("alice", "notes", null);
    private final Wiki aliceDocs = directory.add("alice", "docs-site", "custom");
    private final Wiki bobNotes = directory.add("bob", "notes", null);
    private final Wiki bobHandbook = directory.add("bob", "handbook", null);
    private final Wiki carolCustom = directory.add("carol", "blog-2026", "carolblog");

    {
        directory.addUser("dave"); // a user without wikis
        directory.addDomain("docs.example.com", bobHandbook);
    }

    @Nested
    class PathMode {
        private final TenantResolver resolver = new TenantResolver(null, directory);

        @Test
        void userAndWikiSegmentsSelectTheWikiAndTheRestIsTheRemainder() {
            Route route = resolver.resolve("anything.example", "/alice/notes/api/v1/pages/Home", "x=1");
            assertInWiki(route, aliceNotes, "/alice/notes", "/api/v1/pages/Home");
        }

        @Test
        void wikiRootHasAnEmptyRemainder() {
            assertInWiki(resolver.resolve("localhost:8080", "/alice/notes", null), aliceNotes, "/alice/notes", "");
            assertInWiki(resolver.resolve("localhost:8080", "/alice/notes/", null), aliceNotes, "/alice/notes", "/");
        }

        @Test
        void sameSlugOfAnotherOwnerIsAnotherWiki() {
            assertInWiki(resolver.resolve(null, "/bob/notes/x", null), bobNotes, "/bob/notes", "/x");
        }

        @Test
        void remainderStaysPercentEncoded() {
            assertInWiki(resolver.resolve(null, "/alice/notes/pages/A%2F..%2Fb", null), aliceNotes, "/alice/notes",
                    "/pages/A%2F..%2Fb");
        }

        @Test
        void hostIsIgnored() {
            assertInWiki(resolver.resolve("docs.example.com", "/alice/notes/x", null), aliceNotes, "/alice/notes",
                    "/x");
        }

        @Test
        void customSlugWikiIsServedWithoutRedirect() {
            assertInWiki(resolver.resolve(null, "/alice/docs-site/x", "q=1"), aliceDocs, "/alice/docs-site", "/x");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/alice/nothing", "/alice/nothing/x", "/nobody/notes", "/nobody/notes/x",
                "/dave/notes", "/alice/handbook", "/alice", "/alice/", "/alice/Notes", "/alice/no_tes/x",
                "/alice/..", "/alice/%6Eotes"})
        void unknownUserOrWikiIsNotFound(String path) {
            assertThat(resolver.resolve(null, path, null)).isEqualTo(new Route.NotFound());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/api/v1/health", "/login", "/logout", "/signup", "/admin/users", "/static/app.css",
                "/api", "/_wiki/x", "/_wiki", "/", "", "/Alice/notes", "/a/notes", "/favicon.ico", "/%61lice/notes",
                "/../alice/notes", "/me/notes"})
        void reservedOrInvalidFirstSegmentIsPlatform(String path) {
            assertThat(resolver.resolve(null, path, null)).isEqualTo(new Route.Platform());
        }
    }

    @Nested
    class HostMode {
        private final TenantResolver resolver = new TenantResolver("farm.test", directory);

        @ParameterizedTest
        @ValueSource(strings = {"farm.test", "www.farm.test", "api.farm.test", "FARM.test", "farm.test:8443",
                "Www.Farm.Test:80", "farm.test.", "api.farm.test."})
        void baseDomainAndItsSharedPrefixesArePlatform(String host) {
            assertThat(resolver.resolve(host, "/alice/notes/x", null)).isEqualTo(new Route.Platform());
            assertThat(resolver.resolve(host, "/", null)).isEqualTo(new Route.Platform());
        }

        @Test
        void userHostSelectsTheWikiByItsFirstSegment() {
            assertInWiki(resolver.resolve("alice.farm.test", "/notes/x", null), aliceNotes, "/notes", "/x");
            assertInWiki(resolver.resolve("alice.farm.test", "/notes", null), aliceNotes, "/notes", "");
            assertInWiki(resolver.resolve("bob.farm.test", "/notes/api/v1/pages/Home", null), bobNotes, "/notes",
                    "/api/v1/pages/Home");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ALICE.Farm.Test:8080", "Alice.farm.test", "alice.farm.test:443", "alice.farm.test.",
                "Alice.Farm.Test.:8080", " alice.farm.test ", "www.alice.farm.test", "api.alice.farm.test",
                "WWW.alice.farm.test:8080"})
        void hostIsMatchedWhateverTheCaseThePortTheTrailingDotOrTheSharedPrefix(String host) {
            assertInWiki(resolver.resolve(host, "/notes/x", null), aliceNotes, "/notes", "/x");
        }

        @Test
        void customSlugHostServesTheWikiAtTheRoot() {
            assertInWiki(resolver.resolve("custom.farm.test", "/x", null), aliceDocs, "", "/x");
            assertInWiki(resolver.resolve("custom.farm.test", "/", null), aliceDocs, "", "/");
            assertInWiki(resolver.resolve("www.custom.farm.test", "/x", null), aliceDocs, "", "/x");
            assertInWiki(resolver.resolve("api.custom.farm.test:8080", "/api/v1/pages/Home", null), aliceDocs, "",
                    "/api/v1/pages/Home");
            assertInWiki(resolver.resolve("CarolBlog.farm.test.", "/x", null), carolCustom, "", "/x");
        }

        @Test
        void userHostUrlOfACustomSlugWikiRedirectsKeepingPathAndQuery() {
            assertThat(resolver.resolve("alice.farm.test", "/docs-site/x", "q=1"))
                    .isEqualTo(new Route.Redirect("//custom.farm.test/x?q=1"));
            assertThat(resolver.resolve("alice.farm.test", "/docs-site/a/b%20c", null))
                    .isEqualTo(new Route.Redirect("//custom.farm.test/a/b%20c"));
            assertThat(resolver.resolve("www.alice.farm.test:8080", "/docs-site", "a=1&b=2"))
                    .isEqualTo(new Route.Redirect("//custom.farm.test/?a=1&b=2"));
            assertThat(resolver.resolve("carol.farm.test", "/blog-2026/", null))
                    .isEqualTo(new Route.Redirect("//carolblog.farm.test/"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"docs.example.com", "www.docs.example.com", "api.docs.example.com",
                "DOCS.Example.com:443", "docs.example.com."})
        void customDomainAndItsSharedPrefixesReachTheSameWiki(String host) {
            assertInWiki(resolver.resolve(host, "/x/y", null), bobHandbook, "", "/x/y");
        }

        @ParameterizedTest
        @ValueSource(strings = {"unknown.example.net", "example.com", "evil.docs.example.com", "docs.example.com.evil",
                "farm.test.evil.net", "evilfarm.test", "nobody.farm.test", "notes.alice.farm.test",
                "a.farm.test", "admin.farm.test", "-alice.farm.test", "al_ice.farm.test", "127.0.0.1", "[::1]:8080",
                "", ".", ":8080"})
        void unknownHostIsNotFoundNeverADefaultWiki(String host) {
            assertThat(resolver.resolve(host, "/notes/x", null)).isEqualTo(new Route.NotFound());
            assertThat(resolver.resolve(host, "/", null)).isEqualTo(new Route.NotFound());
        }

        @Test
        void missingHostHeaderIsNotFound() {
            assertThat(resolver.resolve(null, "/alice/notes/x", null)).isEqualTo(new Route.NotFound());
        }

        @Test
        void userHostWithoutSuchWikiIsNotFound() {
            assertThat(resolver.resolve("alice.farm.test", "/", null)).isEqualTo(new Route.NotFound());
            assertThat(resolver.resolve("alice.farm.test", "", null)).isEqualTo(new Route.NotFound());
            assertThat(resolver.resolve("alice.farm.test", "/handbook/x", null)).isEqualTo(new Route.NotFound());
            assertThat(resolver.resolve("alice.farm.test", "/api/v1/health", null)).isEqualTo(new Route.NotFound());
            assertThat(resolver.resolve("dave.farm.test", "/notes", null)).isEqualTo(new Route.NotFound());
        }
    }

    /** Single-wiki mode: one wiki at {@code /} on every host, the platform's own routes beside it. */
    @Nested
    class SingleMode {
        private final PlatformRoutes platform = new PlatformRoutes(org.wikifarm.web.PlatformPaths.FIRST_SEGMENTS,
                org.wikifarm.api.ApiApplications.PLATFORM_SEGMENTS);
        private Optional<Wiki> served = Optional.of(aliceNotes);
        private final TenantResolver resolver = TenantResolver.single(directory, () -> served, platform);

        @Test
        void everyPlatformWordIsThePlatformsOnEveryHost() {
            assertThat(platform.web()).contains("admin", "login", "logout", "signup", "account", "select", "wikis",
                    "static", "webjars", "_error", "api");
            for (String word : platform.web()) {
                for (String host : List.of("localhost:8080", "wiki.example.org", "alice.farm.test")) {
                    assertThat(resolver.resolve(host, "/" + word, null)).as(word).isEqualTo(new Route.Platform());
                    assertThat(resolver.resolve(host, "/" + word + "/x/y", null)).as(word)
                            .isEqualTo(new Route.Platform());
                }
            }
        }

        @Test
        void everyOtherPathIsTheWikisAtTheRoot() {
            assertSingle(resolver.resolve("localhost", "", null), "");
            assertSingle(resolver.resolve("localhost", "/", null), "/");
            assertSingle(resolver.resolve("localhost", "/Page", null), "/Page");
            assertSingle(resolver.resolve("localhost", "/Folder/Sub%20Page", "revision=abc"), "/Folder/Sub%20Page");
            assertSingle(resolver.resolve("other.example", "/-/search", "q=x"), "/-/search");
            assertSingle(resolver.resolve("localhost", "/mcp", null), "/mcp");
            assertSingle(resolver.resolve("localhost", "/.git/info/refs", "service=git-upload-pack"),
                    "/.git/info/refs");
            // Names that were users or wikis in farm mode are just pages now.
            assertSingle(resolver.resolve("localhost", "/alice/notes/Page", null), "/alice/notes/Page");
            // Case matters, as it does for the container's mappings: /Admin is a page.
            assertSingle(resolver.resolve("localhost", "/Admin", null), "/Admin");
            assertSingle(resolver.resolve("localhost", "/adminx", null), "/adminx");
        }

        @Test
        void theApiIsSplitByItsFirstSegment() {
            for (String segment : platform.api()) {
                assertThat(resolver.resolve("localhost", "/api/v1/" + segment, null)).as(segment)
                        .isEqualTo(new Route.Platform());
                assertThat(resolver.resolve("localhost", "/api/v1/" + segment + "/x", null)).as(segment)
                        .isEqualTo(new Route.Platform());
            }
            assertThat(platform.api()).contains("health", "me", "users", "wikis", "admin");
            assertSingle(resolver.resolve("localhost", "/api/v1/pages/Home", null), "/api/v1/pages/Home");
            assertSingle(resolver.resolve("localhost", "/api/v1/pages", null), "/api/v1/pages");
            assertSingle(resolver.resolve("localhost", "/api/v1/search", "q=x"), "/api/v1/search");
            assertSingle(resolver.resolve("localhost", "/api/v1/openapi.json", null), "/api/v1/openapi.json");
            assertSingle(resolver.resolve("localhost", "/api/v1/tokens", null), "/api/v1/tokens");
            assertSingle(resolver.resolve("localhost", "/api/v1/", null), "/api/v1/");
            // Anything else under /api is the platform's (a 404 there), never a page.
            assertThat(resolver.resolve("localhost", "/api", null)).isEqualTo(new Route.Platform());
            assertThat(resolver.resolve("localhost", "/api/v2/pages", null)).isEqualTo(new Route.Platform());
        }

        @Test
        void dotSegmentsStayInTheWikiWhereTheFilterRefusesThem() {
            Route route = resolver.resolve("localhost", "/x/../admin", null);
            assertSingle(route, "/x/../admin");
            assertThat(TenantFilter.hasDotSegment(((Route.InWiki) route).remainder())).isTrue();
            assertThat(TenantFilter.hasDotSegment(((Route.InWiki) resolver.resolve("localhost", "/%2e%2e/admin",
                    null)).remainder())).isTrue();
            // A path that starts with a platform word is the container's to normalise, as in farm mode.
            assertThat(resolver.resolve("localhost", "/static/../admin", null)).isEqualTo(new Route.Platform());
        }

        @Test
        void beforeAWikiExistsEverythingIsThePlatforms() {
            served = Optional.empty();
            assertThat(resolver.resolve("localhost", "/", null)).isEqualTo(new Route.Platform());
            assertThat(resolver.resolve("localhost", "/Page", null)).isEqualTo(new Route.Platform());
            assertThat(resolver.resolve("localhost", "/api/v1/pages", null)).isEqualTo(new Route.Platform());
            served = Optional.of(bobNotes);
            assertInWiki(resolver.resolve("localhost", "/Page", null), bobNotes, "", "/Page");
        }

        @Test
        void theServedWikiIsAtTheRootAndItsGitAtDotGit() {
            assertThat(resolver.baseUrl(aliceNotes)).isEmpty();
            assertThat(resolver.gitUrl(aliceNotes)).isEqualTo("/.git");
            // Another wiki of the data folder is not served; its farm address is what it would have.
            assertThat(resolver.baseUrl(bobNotes)).isEqualTo("/bob/notes");
            assertThat(resolver.singleMode()).isTrue();
            assertThat(new TenantResolver(null, directory).singleMode()).isFalse();
        }

        @Test
        void pagesNamedLikePlatformRoutesAreLinkedByTheirAlias() {
            Tenant tenant = ((Route.InWiki) resolver.resolve("localhost", "/", null)).tenant();
            for (String word : platform.web()) {
                assertThat(tenant.aliased(word)).as(word).isTrue();
                assertThat(tenant.pageSuffix(word + "/Sub", word + "/Sub")).isEqualTo("/-/page/" + word + "/Sub");
            }
            assertThat(tenant.aliased("Admin")).isFalse();
            assertThat(tenant.aliased("mcp")).isFalse();
            assertThat(tenant.aliased("Folder/admin")).isFalse();
            assertThat(tenant.pageSuffix("Home", "Home")).isEqualTo("/Home");
            // Farm mode never aliases: /alice/notes/admin is the page.
            Tenant farm = ((Route.InWiki) new TenantResolver(null, directory).resolve(null, "/alice/notes/admin",
                    null)).tenant();
            assertThat(farm.aliased("admin")).isFalse();
            assertThat(farm.pageSuffix("admin", "admin")).isEqualTo("/admin");
        }

        private void assertSingle(Route route, String remainder) {
            assertInWiki(route, aliceNotes, "", remainder);
        }
    }

    private static void assertInWiki(Route route, Wiki wiki, String basePath, String remainder) {
        assertThat(route).isInstanceOf(Route.InWiki.class);
        Route.InWiki inWiki = (Route.InWiki) route;
        assertThat(inWiki.tenant().wiki()).isEqualTo(wiki);
        assertThat(inWiki.tenant().id()).isEqualTo(wiki.id());
        assertThat(inWiki.tenant().basePath()).isEqualTo(basePath);
        assertThat(inWiki.remainder()).isEqualTo(remainder);
    }

    /** The platform database's three lookups, in memory. */
    private static final class FakeDirectory implements WikiDirectory {
        private final Set<Username> users = new HashSet<>();
        private final List<Wiki> wikis = new ArrayList<>();
        private final Map<String, Wiki> domains = new HashMap<>();

        void addUser(String name) {
            users.add(new Username(name));
        }

        Wiki add(String owner, String slug, String customSlug) {
            addUser(owner);
            Wiki wiki = new Wiki(TenantId.generate(), wikis.size() + 1, new Username(owner), new Slug(slug),
                    customSlug == null ? null : new Slug(customSlug), slug, true, PaymentStatus.FREE,
                    Instant.parse("2026-01-01T00:00:00Z"), null, 0);
            wikis.add(wiki);
            return wiki;
        }

        void addDomain(String domain, Wiki wiki) {
            domains.put(domain, wiki);
        }

        @Override
        public Optional<Wiki> findByOwnerAndSlug(Username owner, Slug slug) {
            return wikis.stream().filter(w -> w.owner().equals(owner) && w.slug().equals(slug)).findFirst();
        }

        @Override
        public Optional<Wiki> findByCustomSlug(Slug customSlug) {
            return wikis.stream().filter(w -> customSlug.equals(w.customSlug())).findFirst();
        }

        @Override
        public Optional<Wiki> findByDomain(String domain) {
            return Optional.ofNullable(domains.get(domain));
        }

        @Override
        public boolean userExists(Username username) {
            return users.contains(username);
        }
    }
}
