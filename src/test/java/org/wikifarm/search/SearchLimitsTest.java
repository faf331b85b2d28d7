package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Caller;
import org.wikifarm.page.Author;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.tenant.Wiki;

/** Search's limits as the service applies them: failed pages in the status and retried, a reindex past the cap. */
class SearchLimitsTest {
    @TempDir
    Path dir;

    private static Map<String, String> limits(long maxPageBytes, int maxQueuedRows) {
        return Map.of("embeddingModel", "off", "searchMaxPageBytes", Long.toString(maxPageBytes),
                "searchMaxQueuedRows", Integer.toString(maxQueuedRows));
    }

    @Test
    void aPageTooLargeToIndexIsListedAndOnlyAdministratorsOfItsWikiRetryIt() {
        try (SearchFixture farm = new SearchFixture(dir, limits(1024, 100_000))) {
            Caller alice = farm.signUp("alice");
            Caller bob = farm.signUp("bob");
            Wiki wiki = farm.wiki(alice, "limits", true);
            Wiki bobs = farm.wiki(bob, "bobs", false);
            farm.save(alice, wiki, "big-table", "| a | b |\n|---|---|\n" + "| zebra | 1 |\n".repeat(300));
            farm.save(alice, wiki, "small", "A small page.");
            farm.save(bob, bobs, "notes", "Bob's notes.");

            SearchStatus status = farm.awaitIndexed(alice, wiki);
            assertThat(status.failedPages()).isEqualTo(1);
            assertThat(status.failures()).singleElement().satisfies(page -> {
                assertThat(page.path()).isEqualTo("big-table");
                assertThat(page.reason()).isEqualTo("too_large");
                assertThat(page.attempts()).isEqualTo(1);
            });
            assertThat(status.indexedPages()).isEqualTo(2);
            assertThat(farm.paths(alice, wiki, "big table", "text")).containsExactly("big-table");
            assertThat(farm.awaitIndexed(bob, bobs).failedPages()).as("another wiki's failures").isZero();

            // A reader of the public wiki sees the failure but may not retry; nor may another wiki's owner.
            assertThat(farm.app.search().status(bob, wiki).failedPages()).isEqualTo(1);
            assertThat(catchThrowable(() -> farm.app.search().retryFailed(bob, wiki)))
                    .isInstanceOf(WikifarmException.Forbidden.class);
            assertThat(catchThrowable(() -> farm.app.search().retryFailed(alice, bobs)))
                    .isInstanceOf(WikifarmException.Forbidden.class);

            assertThat(farm.app.search().retryFailed(alice, wiki).added()).isTrue();
            assertThat(farm.awaitIndexed(alice, wiki).failures().get(0).attempts()).isEqualTo(2);

            farm.save(alice, wiki, "big-table", "Only a little zebra now.");
            status = farm.awaitIndexed(alice, wiki);
            assertThat(status.failedPages()).isZero();
            assertThat(farm.paths(alice, wiki, "zebra", "text")).containsExactly("big-table");
            assertThat(farm.app.search().retryFailed(alice, wiki).added()).as("nothing left to retry").isFalse();
        }
    }

    @Test
    void aReindexWhoseRowsWouldPassTheQueuesLimitIsRefused() throws IOException {
        try (SearchFixture farm = new SearchFixture(dir, limits(1 << 20, 100))) {
            Caller alice = farm.signUp("alice");
            Wiki wiki = farm.wiki(alice, "crowded", false);
            try (Repository repo = new FileRepository(dir.resolve("wikis").resolve(wiki.id().value())
                    .resolve("repo.git").toFile())) {
                GitPageStore store = new GitPageStore(repo);
                for (int i = 0; i < 100; i++) {
                    store.save(new PagePath("page-" + i), "Page " + i, null, new Author("Importer", "i@example.org"),
                            null).revision();
                }
            }
            assertThat(farm.awaitIndexed(alice, wiki).indexedPages()).as("caught up from git, no rows").isEqualTo(100);

            Throwable refused = catchThrowable(() -> farm.app.search().reindex(alice, wiki));
            assertThat(refused).isInstanceOf(WikifarmException.TooManyRequests.class);
            assertThat(ErrorStatus.of(refused)).isEqualTo(429);
            assertThat(((WikifarmException) refused).code()).isEqualTo("search_queue_full");
            assertThat(farm.app.search().status(alice, wiki).queued()).isZero();
        }
    }
}
