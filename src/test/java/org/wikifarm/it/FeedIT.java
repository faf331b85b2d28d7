package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code <wiki>/-/changes.atom}: read access as the wiki's pages have it (public: anyone; private: a session, HTTP
 * Basic or a token of this wiki, never another wiki's), Atom that a real XML parser reads, with hostile page names
 * and commit messages as text, and entries that link to what they changed.
 */
class FeedIT {
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    @Test
    void aPublicWikisFeedIsReadAnonymouslyAndListsItsChanges() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        owner.client().put(wiki.page("Notes/p2"), Map.of("content", "two", "message", "Second thoughts")).expect(201);

        ApiResponse feed = ApiClient.anonymous().get(base(wiki) + "/-/changes.atom").expect(200);
        assertThat(feed.header("Content-Type").orElse("")).startsWith("application/atom+xml");
        Document atom = parse(feed.body());
        assertThat(atom.getDocumentElement().getLocalName()).isEqualTo("feed");
        assertThat(atom.getDocumentElement().getNamespaceURI()).isEqualTo(ATOM);
        List<Element> entries = entries(atom);
        assertThat(entries).isNotEmpty();
        Element newest = entries.get(0);
        assertThat(text(newest, "title")).isEqualTo("Notes/p2: Second thoughts");
        assertThat(text(newest, "name")).isEqualTo(owner.username());
        assertThat(text(newest, "updated")).isNotBlank();
        String link = ((Element) newest.getElementsByTagNameNS(ATOM, "link").item(0)).getAttribute("href");
        assertThat(link).startsWith(ApiClient.BASE + base(wiki) + "/-/diff/Notes/p2?to=");

        // The link shows the diff of that change: the page's text added.
        WebSession reader = WebSession.newVisitor();
        ApiResponse diff = reader.get(link.substring(ApiClient.BASE.length())).expect(200);
        assertThat(diff.body()).contains("two");
    }

    @Test
    void aPrivateWikisFeedNeedsAReaderAndRefusesAnotherWikisToken() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki secret = Fixtures.newWiki(owner, false);
        owner.client().put(secret.page("Plans"), Map.of("content", "x", "message", "Secret plans")).expect(201);
        String feedUrl = base(secret) + "/-/changes.atom";

        ApiResponse anonymous = ApiClient.anonymous().get(feedUrl);
        assertThat(anonymous.status()).as("%s", anonymous).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate").orElse("")).contains("Bearer", "Basic");
        assertThat(anonymous.body()).doesNotContain("Secret plans");

        String viewer = owner.client().post(secret.api() + "/tokens", Map.of("name", "feed", "role", "viewer"))
                .expect(201).text("secret");
        ApiResponse withToken = HeaderClient.bearer(viewer).get(feedUrl).expect(200);
        assertThat(text(entries(parse(withToken.body())).get(0), "title")).isEqualTo("Plans: Secret plans");

        // Cross-tenant: a token of another owner's wiki is refused here, and the feed is not shown.
        TestUser other = Fixtures.newUser();
        TestWiki theirs = Fixtures.newWiki(other, false);
        String foreign = other.client().post(theirs.api() + "/tokens", Map.of("name", "feed", "role", "viewer"))
                .expect(201).text("secret");
        ApiResponse refused = HeaderClient.bearer(foreign).get(feedUrl);
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("Secret plans");
        HeaderClient.bearer(foreign).get(base(theirs) + "/-/changes.atom").expect(200);

        // A token in the query string is not a credential.
        ApiResponse inQuery = ApiClient.anonymous().get(feedUrl + "?token=" + viewer);
        assertThat(inQuery.status()).isEqualTo(401);

        // Signed-in people: the owner's session and Basic; someone else signed in may not read it (403).
        assertThat(WebSession.signedIn(owner).get(feedUrl).status()).isEqualTo(200);
        owner.client().get(feedUrl).expect(200);
        ApiResponse stranger = other.client().get(feedUrl);
        assertThat(stranger.status()).as("%s", stranger).isEqualTo(403);
        assertThat(stranger.body()).doesNotContain("Secret plans");
    }

    @Test
    void hostilePageNamesAndMessagesAreTextInTheFeed() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        String page = "x<y>&\"'z]]>";
        String message = "</title><script>alert(1)</script> ]]> &amp; <![CDATA[x]]> \u00e9\uD83D\uDE00";
        owner.client().put(wiki.page(page), Map.of("content", "boo", "message", message)).expect(201);

        ApiResponse feed = ApiClient.anonymous().get(base(wiki) + "/-/changes.atom").expect(200);
        Document atom = parse(feed.body());
        assertThat(atom.getElementsByTagName("script").getLength()).isZero();
        Element newest = entries(atom).get(0);
        assertThat(text(newest, "title")).isEqualTo(page + ": " + message);
        assertThat(text(newest, "summary")).startsWith(message).contains("added: " + page);
    }

    private static String base(TestWiki wiki) {
        return "/" + wiki.owner() + "/" + wiki.slug();
    }

    /** A strict, safe parser: namespaces on, no DOCTYPE (so no entities from outside). */
    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> entries(Document atom) {
        NodeList nodes = atom.getElementsByTagNameNS(ATOM, "entry");
        List<Element> entries = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            entries.add((Element) nodes.item(i));
        }
        return entries;
    }

    private static String text(Element entry, String name) {
        NodeList found = entry.getElementsByTagNameNS(ATOM, name);
        assertThat(found.getLength()).as("<%s> in the entry", name).isPositive();
        return found.item(0).getTextContent();
    }
}
