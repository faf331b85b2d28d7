package org.wikifarm.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Route;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.TenantResolver;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiDirectory;

/** The map's keys, held against TenantResolver's own decisions for many generated addresses. */
class ProxyMapTest {
    private static final String BASE = "farm.example";

    @Test
    void pathModeEntriesAreTheWikiAndItsGitAddress() {
        Farm farm = new Farm();
        Wiki notes = farm.add("alice", "notes", "custom", "node2");
        farm.addDomain("docs.example.org", notes);
        assertThat(ProxyMap.entries(farm.placed(notes), null)).extracting(ProxyMap.Entry::toString)
                .containsExactly("/alice/notes node2", "/alice/notes.git node2");
    }

    @Test
    void hostModeEntriesCoverUserHostCustomSlugAndDomains() {
        Farm farm = new Farm();
        Wiki notes = farm.add("alice", "notes", "custom", "node2");
        farm.addDomain("docs.example.org", notes);
        assertThat(ProxyMap.entries(farm.placed(notes), BASE)).extracting(ProxyMap.Entry::toString)
                .containsExactly("alice.farm.example/notes node2", "alice.farm.example/notes.git node2",
                        "custom.farm.example node2", "docs.example.org node2");
    }

    @Test
    void aLongerSlugIsNeverRoutedAsItsPrefix() {
        Farm farm = new Farm();
        farm.add("alice", "notes", null, "node1");
        Wiki notes2 = farm.add("alice", "notes2", null, "node2");
        for (String base : new String[] {null, BASE}) {
            Map<String, String> map = farm.map(base);
            String host = base == null ? "proxy.example" : "alice." + base;
            String prefix = base == null ? "/alice" : "";
            assertThat(ProxyMap.route(map, host, prefix + "/notes2/pages/Home")).contains("node2");
            assertThat(ProxyMap.route(map, host, prefix + "/notes/pages/Home")).contains("node1");
            assertThat(ProxyMap.route(map, host, prefix + "/notes3/pages/Home")).isEmpty();
            assertThat(ProxyMap.route(map, host, prefix + "/note")).isEmpty();
            assertThat(farm.node(notes2)).isEqualTo("node2");
        }
    }

    @Test
    void platformRoutesAndUnknownWikisGoToTheDefaultBackend() {
        Farm farm = new Farm();
        farm.add("alice", "notes", "custom", "node1");
        Map<String, String> path = farm.map(null);
        for (String route : List.of("/", "/api/v1/health", "/login", "/alice", "/alice/", "/bob/notes", "/admin/x")) {
            assertThat(ProxyMap.route(path, "proxy.example", route)).as(route).isEmpty();
        }
        Map<String, String> host = farm.map(BASE);
        assertThat(ProxyMap.route(host, BASE, "/alice/notes")).isEmpty();
        assertThat(ProxyMap.route(host, "www." + BASE, "/api/v1/health")).isEmpty();
        assertThat(ProxyMap.route(host, "nobody." + BASE, "/notes")).isEmpty();
        assertThat(ProxyMap.route(host, "unknown.example.org", "/")).isEmpty();
    }

    @Test
    void wholeMapIsSortedLeavesNoDuplicateKeyAndReadsAsHaproxyMapLines() {
        Farm farm = new Farm();
        farm.add("bob", "handbook", null, "node1");
        farm.add("alice", "notes", null, "node2");
        List<ProxyMap.Entry> entries = ProxyMap.entries(farm.placements(), null);
        assertThat(entries).extracting(ProxyMap.Entry::key)
                .containsExactly("/alice/notes", "/alice/notes.git", "/bob/handbook", "/bob/handbook.git");
        assertThat(ProxyMap.text(entries)).startsWith("# ").endsWith("/bob/handbook.git node1\n")
                .contains("\n/alice/notes node2\n");
    }

    @Test
    void keysAndNodesThatHaproxyWouldMisreadAreRefused() {
        for (String key : new String[] {"", "a b", "a\nb", "a\tb", "#x", "a\\b", "é", "/a/b;clear", "x".repeat(301)}) {
            assertThatThrownBy(() -> new ProxyMap.Entry(key, "node1")).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String node : new String[] {"", "Node1", "node 1", "all_nodes", "node1\n", "x".repeat(41)}) {
            assertThatThrownBy(() -> new ProxyMap.Entry("/alice/notes", node)).as(node)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void hostIsNormalisedAsTheConfigurationDoes() {
        assertThat(ProxyMap.lookupKeys("WWW.Alice.Farm.Example.:8080", "/notes.git/info/refs"))
                .containsExactly("/notes.git/info", "alice.farm.example/notes.git", "alice.farm.example");
        assertThat(ProxyMap.lookupKeys("www.www.alice.farm.example", "/")).containsExactly("/",
                "www.alice.farm.example/", "www.alice.farm.example");
        assertThat(ProxyMap.lookupKeys(null, "/alice/notes/x")).containsExactly("/alice/notes");
    }

    /** For every address TenantResolver resolves to a wiki, the map sends it to that wiki's node. */
    @Test
    void everyAddressTenantResolverResolvesGoesToItsWikisNode() {
        Random random = new Random(16);
        Farm farm = new Farm();
        List<String> names = List.of("alice", "alice2", "bob", "bobby", "carol", "dave-x", "eve", "eve1");
        List<String> slugs = List.of("notes", "notes2", "note", "doc", "docs-site", "handbook", "a-b-c", "wiki1");
        for (String owner : names) {
            for (String slug : slugs) {
                if (random.nextInt(3) > 0) {
                    String custom = random.nextInt(4) == 0 ? slug + "-" + owner : null;
                    Wiki wiki = farm.add(owner, slug, custom, "node" + (1 + random.nextInt(3)));
                    if (random.nextInt(5) == 0) {
                        farm.addDomain(slug + "." + owner + ".example.org", wiki);
                    }
                }
            }
        }
        farm.addUser("frank"); // a user without wikis
        List<String> hosts = new ArrayList<>(List.of(BASE, "www." + BASE, "api." + BASE, "localhost",
                "127.0.0.1:8080", "[::1]:8080", "unknown.example.org", "www.www.alice." + BASE, "frank." + BASE));
        List<String> paths = new ArrayList<>(List.of("/", "", "/api/v1/health", "/login", "/static/app.css",
                "/.git/info/refs", "/x", "//alice/notes"));
        for (String owner : names) {
            hosts.add(owner + "." + BASE);
            paths.add("/" + owner);
            paths.add("/" + owner + "/");
            for (String slug : slugs) {
                paths.add("/" + slug);
                paths.add("/" + slug + "/pages/Home");
                paths.add("/" + slug + ".git/info/refs");
                paths.add("/" + owner + "/" + slug);
                paths.add("/" + owner + "/" + slug + "/");
                paths.add("/" + owner + "/" + slug + "/api/v1/pages/Home");
                paths.add("/" + owner + "/" + slug + ".git/info/refs");
                paths.add("/" + owner + "/" + slug + "x/y");
                paths.add("/" + owner.toUpperCase() + "/" + slug);
                hosts.add(slug + "-" + owner + "." + BASE);
                hosts.add(slug + "." + owner + ".example.org");
            }
        }
        for (String host : List.copyOf(hosts)) {
            hosts.add("www." + host);
            hosts.add("api." + host);
            hosts.add(host.toUpperCase() + ".");
            hosts.add(host + ":443");
        }
        int inWiki = 0;
        int platform = 0;
        for (String base : new String[] {null, BASE}) {
            TenantResolver resolver = new TenantResolver(base, farm);
            Map<String, String> map = farm.map(base);
            for (String host : hosts) {
                for (String path : paths) {
                    Route route = resolver.resolve(host, path, null);
                    Optional<String> node = ProxyMap.route(map, host, path);
                    if (route instanceof Route.InWiki wiki) {
                        inWiki++;
                        assertThat(node).as("%s %s (%s mode)", host, path, base == null ? "path" : "host")
                                .contains(farm.node(wiki.tenant().wiki()));
                    } else if (route instanceof Route.Platform) {
                        platform++;
                        assertThat(node).as("%s %s (%s mode)", host, path, base == null ? "path" : "host")
                                .isEmpty();
                    }
                }
            }
        }
        assertThat(inWiki).isGreaterThan(10_000);
        assertThat(platform).isGreaterThan(1_000);
    }

    /** Wikis and their nodes, as TenantResolver's directory and as the map's input. */
    private static final class Farm implements WikiDirectory {
        private final Set<Username> users = new HashSet<>();
        private final List<Wiki> wikis = new ArrayList<>();
        private final Map<TenantId, String> nodes = new HashMap<>();
        private final Map<String, Wiki> domains = new HashMap<>();

        void addUser(String name) {
            users.add(new Username(name));
        }

        Wiki add(String owner, String slug, String customSlug, String node) {
            addUser(owner);
            Wiki wiki = new Wiki(TenantId.generate(), wikis.size() + 1, new Username(owner), new Slug(slug),
                    customSlug == null ? null : new Slug(customSlug), slug, true, PaymentStatus.FREE,
                    Instant.parse("2026-01-01T00:00:00Z"), null, 0);
            wikis.add(wiki);
            nodes.put(wiki.id(), node);
            return wiki;
        }

        void addDomain(String domain, Wiki wiki) {
            domains.put(domain, wiki);
        }

        String node(Wiki wiki) {
            return nodes.get(wiki.id());
        }

        ProxyMap.Placed placed(Wiki wiki) {
            List<String> own = domains.entrySet().stream().filter(e -> e.getValue().id().equals(wiki.id()))
                    .map(Map.Entry::getKey).sorted().toList();
            return ProxyMap.Placed.of(wiki, own, node(wiki));
        }

        List<ProxyMap.Placed> placements() {
            return wikis.stream().map(this::placed).toList();
        }

        Map<String, String> map(String baseDomain) {
            Map<String, String> map = new HashMap<>();
            for (ProxyMap.Entry entry : ProxyMap.entries(placements(), baseDomain)) {
                map.put(entry.key(), entry.node());
            }
            return map;
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
