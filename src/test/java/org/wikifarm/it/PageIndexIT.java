package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The index screen ({@code <wiki>/-/index}): pages in natural order, folders as closed {@code <details>} with their
 * counts, one folder on its own with {@code ?folder=}; and only for those who may read the wiki.
 */
class PageIndexIT {

    @Test
    void pagesNaturallySortedAndGroupedByFolder() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        for (String page : List.of("p10", "p2", "Apple", "banana", "docs/p10", "docs/p9", "docs/deep/x")) {
            wiki.pages(owner.client()).create(page, "text of " + page);
        }
        String base = "/" + wiki.owner() + "/" + wiki.slug();

        Document index = Jsoup.parse(WebSession.newVisitor().get(base + "/-/index").expect(200).body());
        assertThat(index.select("#page-index ul.index-pages > li > a").eachText())
                .containsExactly("Apple", "banana", "p2", "p10");
        List<Element> folders = index.select("#page-index details.index-folder");
        assertThat(folders).hasSize(1);
        assertThat(folders.get(0).hasAttr("open")).isFalse();
        assertThat(folders.get(0).selectFirst("summary").text()).isEqualTo("docs (3)");
        assertThat(folders.get(0).select("a").eachAttr("href")).containsExactly(base + "/docs/deep/x",
                base + "/docs/p9", base + "/docs/p10");
        assertThat(index.select("[style], style, script:not([src])")).isEmpty();

        Document docs = Jsoup.parse(WebSession.newVisitor().get(base + "/-/index?folder=docs").expect(200).body());
        assertThat(docs.select("#page-index ul.index-pages > li > a").eachText()).containsExactly("p9", "p10");
        assertThat(docs.select("#index-trail a").eachText()).containsExactly("All pages", "docs");
    }

    /** Cross-tenant: a private wiki's index is not shown to others, whoever asks for which folder. */
    @Test
    void aPrivateWikisIndexIsOnlyForItsReaders() {
        TestUser owner = Fixtures.newUser();
        TestWiki secret = Fixtures.newWiki(owner, false);
        secret.pages(owner.client()).create("plans/SecretPlan", "x");
        String index = "/" + secret.owner() + "/" + secret.slug() + "/-/index?folder=plans";

        ApiResponse anonymous = WebSession.newVisitor().get(index);
        assertThat(anonymous.status()).as("%s", anonymous).isIn(303, 401);
        assertThat(anonymous.body()).doesNotContain("SecretPlan");
        ApiResponse stranger = WebSession.signedIn(Fixtures.newUser()).get(index);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.body()).doesNotContain("SecretPlan");
        assertThat(WebSession.signedIn(owner).get(index).expect(200).body()).contains("SecretPlan");
    }
}
