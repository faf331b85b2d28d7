package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.WikiSettings;
import org.wikifarm.tenant.Wiki;

/**
 * Search reads a wiki's links in the wiki's own order ({@code wiki_link_order}): a label is found by its words, a
 * page half is not; changing the order indexes the wiki again, and only that wiki.
 */
class SearchLinkOrderTest {
    @TempDir
    Path dir;

    @Test
    void changingTheOrderIndexesTheWikiAgainTheNewWay() {
        try (SearchFixture farm = new SearchFixture(dir, "off")) {
            Caller alice = farm.signUp("alice");
            Wiki otter = farm.wiki(alice, "otter", false);
            Wiki other = farm.wiki(alice, "other", false);
            for (Wiki wiki : new Wiki[] {otter, other}) {
                farm.save(alice, wiki, "Home", "Read [[zebracrossing|Guide]] first.");
                farm.awaitIndexed(alice, wiki);
            }
            // Page first, the label is "Guide".
            assertThat(farm.paths(alice, otter, "zebracrossing", "text")).isEmpty();

            farm.app.wikiSettings().update(alice, otter,
                    new WikiSettings.Change(null, null, null, null, null, null, "label_first"));
            farm.awaitIndexed(alice, otter);
            farm.awaitIndexed(alice, other);

            assertThat(farm.paths(alice, otter, "zebracrossing", "text")).containsExactly("Home");
            assertThat(farm.paths(alice, other, "zebracrossing", "text")).isEmpty();
            // A page saved afterwards is read the new way too.
            farm.save(alice, otter, "Next", "[[quagmirewords|Home]]");
            farm.save(alice, other, "Next", "[[quagmirewords|Home]]");
            farm.awaitIndexed(alice, otter);
            farm.awaitIndexed(alice, other);
            assertThat(farm.paths(alice, otter, "quagmirewords", "text")).containsExactly("Next");
            assertThat(farm.paths(alice, other, "quagmirewords", "text")).isEmpty();
        }
    }
}
