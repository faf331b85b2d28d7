package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through the real server: {@code GET /api/v1/wikis} lists to every kind of caller exactly the wikis they may read
 * (a page of each answers 200), for every read and write level, an upload level that lets people in, and a lapsed
 * wiki. A wiki whose read level is REGISTERED used to be readable by anyone signed in and listed to nobody but its
 * members. A token may not list at all (it works inside its wiki only) and reads its own wiki alone. Only this test's
 * wikis are compared; the server has others.
 */
class ListingIT {
    private static final List<String> LEVELS = List.of("ANONYMOUS", "REGISTERED", "APPROVED");

    private static TestUser owner;
    private static final Map<String, TestWiki> WIKIS = new LinkedHashMap<>();
    private static final Map<String, HeaderClient> CALLERS = new LinkedHashMap<>();
    private static String token;

    @BeforeAll
    static void wikisOfEveryLevel() {
        owner = Fixtures.newUser();
        TestUser viewer = Fixtures.newUser();
        TestUser editor = Fixtures.newUser();
        TestUser stranger = Fixtures.newUser();
        for (String read : LEVELS) {
            for (String write : LEVELS) {
                wiki("read " + read + ", write " + write, Map.of("read_access", read, "write_access", write));
            }
        }
        wiki("anyone signed in uploads", Map.of("attachment_access", "REGISTERED"));
        wiki("everyone uploads", Map.of("attachment_access", "ANONYMOUS"));
        TestWiki lapsed = wiki("lapsed, anyone signed in writes", Map.of("write_access", "REGISTERED"));
        WebSession admin = WebSession.signedIn(Fixtures.admin());
        assertThat(admin.submit("/admin/wikis", Map.of("wiki_id", lapsed.id(), "payment_status", "lapsed")).status())
                .isEqualTo(303);
        for (TestWiki wiki : WIKIS.values()) {
            owner.client().put(wiki.api() + "/members/" + viewer.username(), Map.of("role", "viewer")).expect(200);
            owner.client().put(wiki.api() + "/members/" + editor.username(), Map.of("role", "editor")).expect(200);
        }
        TestWiki tokensWiki = WIKIS.get("read APPROVED, write APPROVED");
        token = owner.client().post(tokensWiki.api() + "/tokens", Map.of("name", "lister", "role", "viewer"))
                .expect(201).text("secret");
        CALLERS.put("anonymous", HeaderClient.anonymous());
        CALLERS.put("signed-in stranger", HeaderClient.basic(stranger.username(), stranger.password()));
        CALLERS.put("viewer", HeaderClient.basic(viewer.username(), viewer.password()));
        CALLERS.put("editor", HeaderClient.basic(editor.username(), editor.password()));
        CALLERS.put("owner", HeaderClient.basic(owner.username(), owner.password()));
        CALLERS.put("platform admin", HeaderClient.basic(Fixtures.admin().username(), Fixtures.admin().password()));
    }

    private static TestWiki wiki(String name, Map<String, String> levels) {
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Map<String, Object> settings = new LinkedHashMap<>(levels);
        settings.put("display_name", name);
        owner.client().put(wiki.api() + "/settings", settings).expect(200);
        wiki.pages(owner.client()).create("Home", "# " + name + "\n");
        WIKIS.put(name, wiki);
        return wiki;
    }

    @Test
    void everyCallerIsListedExactlyTheWikisTheyMayRead() {
        SoftAssertions softly = new SoftAssertions();
        CALLERS.forEach((who, client) -> softly.assertThat(listed(client)).as("the wikis listed to the %s", who)
                .isEqualTo(readable(client)));
        softly.assertAll();
        assertThat(readable(CALLERS.get("signed-in stranger"))).as("not vacuous")
                .contains("read REGISTERED, write APPROVED", "anyone signed in uploads")
                .doesNotContain("read APPROVED, write APPROVED");
    }

    @Test
    void aTokenListsNothingAndReadsItsOwnWikiAlone() {
        HeaderClient client = HeaderClient.bearer(token);

        assertThat(client.get("/api/v1/wikis").status()).isEqualTo(401);
        assertThat(readable(client)).containsExactly("read APPROVED, write APPROVED");
    }

    /** This test's wikis in the caller's list, by name, through every page of the list. */
    private static Set<String> listed(HeaderClient client) {
        Set<String> names = new TreeSet<>();
        Map<String, String> ours = new LinkedHashMap<>();
        WIKIS.forEach((name, wiki) -> ours.put(wiki.id(), name));
        for (int offset = 0; ; offset += 1000) {
            JsonNode page = client.get("/api/v1/wikis?limit=1000&offset=" + offset).expect(200).json().path("wikis");
            page.forEach(wiki -> {
                String name = ours.get(wiki.path("id").asText());
                if (name != null) {
                    names.add(name);
                    assertThat(wiki.path("is_public").asBoolean()).as("is_public of %s", name)
                            .isEqualTo(name.startsWith("read ANONYMOUS"));
                }
            });
            if (page.size() < 1000) {
                return names;
            }
        }
    }

    /** This test's wikis whose Home page the caller may read. */
    private static Set<String> readable(HeaderClient client) {
        Set<String> names = new TreeSet<>();
        WIKIS.forEach((name, wiki) -> {
            if (client.get(wiki.page("Home")).status() == 200) {
                names.add(name);
            }
        });
        return names;
    }
}
