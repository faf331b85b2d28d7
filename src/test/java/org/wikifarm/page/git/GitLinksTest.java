package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikifarm.page.git.TestWiki.ALICE;
import static org.wikifarm.page.git.TestWiki.page;

import org.junit.jupiter.api.Test;
import org.wikifarm.page.PageLinks;

class GitLinksTest extends GitWikiTestCase {
    private PageLinks links(String page) {
        return store.links(page(page));
    }

    @Test
    void emptyWikiHasNoLinks() {
        assertThat(links("Home")).isEqualTo(new PageLinks(java.util.List.of(), java.util.List.of()));
    }

    @Test
    void findsOutgoingLinksAndBacklinks() {
        wiki.save("Home", "Start at [[docs/Guide]] or [[FAQ|questions]]. `[[NotALink]]`", null);
        wiki.save("docs/Guide", "Back to [[Home]]; see [[FAQ]].", null);
        wiki.save("FAQ", "No links.", null);

        assertThat(links("Home").outgoing()).containsExactly(page("docs/Guide"), page("FAQ"));
        assertThat(links("Home").backlinks()).containsExactly(page("docs/Guide"));
        assertThat(links("FAQ").outgoing()).isEmpty();
        assertThat(links("FAQ").backlinks()).containsExactly(page("Home"), page("docs/Guide"));
        assertThat(links("NotALink").backlinks()).isEmpty();
        // A page nobody wrote yet still shows who wants it.
        wiki.save("Wanted", "[[Missing]]", null);
        assertThat(links("Missing").backlinks()).containsExactly(page("Wanted"));
    }

    @Test
    void followsTheStoresOwnEdits() {
        String home = wiki.save("Home", "[[A]] [[B]]", null);
        wiki.save("A", "[[Home]]", null);
        assertThat(links("A").backlinks()).containsExactly(page("Home"));

        home = wiki.save("Home", "[[B]] [[C]]", home);
        assertThat(links("Home").outgoing()).containsExactly(page("B"), page("C"));
        assertThat(links("A").backlinks()).isEmpty();
        assertThat(links("C").backlinks()).containsExactly(page("Home"));

        store.rename(page("A"), page("A2"), ALICE, null, false, Long.MAX_VALUE);
        assertThat(links("A2").outgoing()).containsExactly(page("Home"));
        assertThat(links("A").outgoing()).isEmpty();
        assertThat(links("Home").backlinks()).containsExactly(page("A2"));

        store.delete(page("A2"), null, ALICE, null);
        assertThat(links("Home").backlinks()).isEmpty();

        String b = wiki.save("B", "[[Home]]", null);
        store.revert(page("B"), b, ALICE, null, Long.MAX_VALUE);
        assertThat(links("Home").backlinks()).isEmpty();
    }

    @Test
    void incrementalUpdatesMatchAFreshBuild() throws Exception {
        String a = wiki.save("A", "[[B]] [[C]]", null);
        links("A"); // build the graph now so later edits are applied incrementally
        wiki.save("B", "[[C]] [[A]]", null);
        wiki.save("A", "[[C]]", a);
        store.rename(page("B"), page("B2"), ALICE, null, false, Long.MAX_VALUE);
        wiki.save("C", "[[A]] [[B2]]", null);

        try (var other = TestWiki.open(wiki.dir)) {
            GitPageStore fresh = new GitPageStore(other);
            for (String p : new String[] {"A", "B", "B2", "C"}) {
                assertThat(links(p)).as(p).isEqualTo(fresh.links(page(p)));
            }
        }
        assertThat(links("C").backlinks()).containsExactly(page("A"), page("B2"));
    }

    @Test
    void aWikiReadingLabelsFirstHasItsBacklinksAndRenamesItsWay() throws Exception {
        java.util.concurrent.atomic.AtomicReference<org.wikifarm.markdown.WikiLinkOrder> order =
                new java.util.concurrent.atomic.AtomicReference<>(org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST);
        try (var repo = TestWiki.open(wiki.dir)) {
            GitPageStore labelFirst = new GitPageStore(repo, org.wikifarm.page.LastChangeRecords.NONE,
                    java.time.Clock.systemUTC(), order::get);
            wiki.save("Home", "See [[the guide|Guide]] and [[Guide|Other]].", null);
            wiki.save("Guide", "Back [[home|Home]].", null);
            assertThat(labelFirst.links(page("Guide")).backlinks()).containsExactly(page("Home"));
            assertThat(labelFirst.links(page("Home")).outgoing()).containsExactly(page("Guide"), page("Other"));
            assertThat(labelFirst.links(page("Home")).backlinks()).containsExactly(page("Guide"));

            var renamed = labelFirst.rename(page("Guide"), page("Manual"), ALICE, null, true, Long.MAX_VALUE);
            assertThat(renamed.relinked()).containsExactly(page("Home"));
            assertThat(labelFirst.read(page("Home")).orElseThrow().content())
                    .isEqualTo("See [[the guide|Manual]] and [[Guide|Other]].");
            assertThat(labelFirst.links(page("Manual")).backlinks()).containsExactly(page("Home"));

            // The order changed: the graph is read again the new way on the next question.
            order.set(org.wikifarm.markdown.WikiLinkOrder.PAGE_FIRST);
            assertThat(labelFirst.links(page("Manual")).backlinks()).isEmpty();
            assertThat(labelFirst.links(page("the guide")).backlinks()).containsExactly(page("Home"));
            wiki.save("Other", "[[Manual|handbook]]", null);
            assertThat(labelFirst.links(page("Manual")).backlinks()).containsExactly(page("Other"));
        }
    }
}
