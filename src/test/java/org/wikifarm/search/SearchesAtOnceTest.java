package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.auth.Caller;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.tenant.Wiki;

/**
 * How many searches of one wiki run at once ({@code searchConcurrencyPerWiki}, {@code searchWaitingPerWiki},
 * {@code searchWaitMillis}): past the slots and the waiting room a search is refused with 429 {@code search_busy};
 * within them a burst is served; and one wiki's busy searches never turn away another wiki's.
 */
class SearchesAtOnceTest {
    private static final int THREADS = 8;
    private static final int SEARCHES_EACH = 60;

    @TempDir
    Path dir;

    @Test
    void pastItsSlotsAWikisSearchIsRefusedWhileAnotherWikiIsServed() throws Exception {
        try (SearchFixture farm = new SearchFixture(dir, Map.of("embeddingModel", "off",
                "searchConcurrencyPerWiki", "1", "searchWaitingPerWiki", "0", "searchWaitMillis", "0"))) {
            Caller alice = farm.signUp("alice");
            Wiki busy = filled(farm, alice, "busy");
            Wiki quiet = filled(farm, alice, "quiet");
            AtomicInteger refused = new AtomicInteger();
            List<String> messages = new ArrayList<>();

            int served = hammer(farm, alice, busy, refused, messages);
            // One thread searching the other wiki all the while: never more than one of its searches at once.
            ExecutorService other = Executors.newSingleThreadExecutor();
            Future<Integer> quietServed = other.submit(() -> {
                int found = 0;
                for (int i = 0; i < SEARCHES_EACH; i++) {
                    found += farm.app.search().search(alice, quiet, "lantern harbour", "text", 10).hits().isEmpty() ? 0
                            : 1;
                }
                return found;
            });
            served += hammer(farm, alice, busy, refused, messages);
            assertThat(quietServed.get(5, TimeUnit.MINUTES)).isEqualTo(SEARCHES_EACH);
            other.shutdown();

            assertThat(refused.get()).as("searches of one wiki overlapped, and one slot refuses the rest")
                    .isPositive();
            assertThat(served + refused.get()).isEqualTo(2 * THREADS * SEARCHES_EACH);
            assertThat(messages).first().asString()
                    .isEqualTo("This wiki is answering as many searches at once as it may (1); try again in a moment.");
        }
    }

    @Test
    void aBurstWithinTheWaitingRoomIsServedWhole() throws Exception {
        try (SearchFixture farm = new SearchFixture(dir, Map.of("embeddingModel", "off",
                "searchConcurrencyPerWiki", "1", "searchWaitingPerWiki", Integer.toString(THREADS),
                "searchWaitMillis", "60000"))) {
            Caller alice = farm.signUp("alice");
            Wiki wiki = filled(farm, alice, "burst");
            AtomicInteger refused = new AtomicInteger();

            int served = hammer(farm, alice, wiki, refused, new ArrayList<>());

            assertThat(refused.get()).isZero();
            assertThat(served).isEqualTo(THREADS * SEARCHES_EACH);
        }
    }

    private static Wiki filled(SearchFixture farm, Caller owner, String slug) {
        Wiki wiki = farm.wiki(owner, slug, false);
        for (int i = 0; i < 40; i++) {
            farm.save(owner, wiki, "Page" + i, "# Page " + i + "\n\nThe lantern by the harbour, number " + i
                    + ", and the words around it: rope, tide, gull and salt.");
        }
        farm.save(owner, wiki, "Lantern", "# Lantern\n\nThe lantern harbour page.");
        farm.save(owner, wiki, "Harbour", "# Harbour\n\nThe harbour lantern page.");
        farm.awaitIndexed(owner, wiki);
        return wiki;
    }

    /** {@link #THREADS} threads searching the wiki at once; how many searches were served. */
    private static int hammer(SearchFixture farm, Caller caller, Wiki wiki, AtomicInteger refused,
                              List<String> messages) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> each = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                each.add(threads.submit(() -> {
                    int served = 0;
                    for (int i = 0; i < SEARCHES_EACH; i++) {
                        try {
                            assertThat(farm.app.search().search(caller, wiki, "lantern harbour", "text", 10).hits())
                                    .isNotEmpty();
                            served++;
                        } catch (WikifarmException.TooManyRequests busy) {
                            assertThat(busy.code()).isEqualTo("search_busy");
                            assertThat(ErrorStatus.of(busy)).isEqualTo(429);
                            assertThat(ErrorStatus.retryAfterSeconds(busy)).isEqualTo(1);
                            refused.incrementAndGet();
                            synchronized (messages) {
                                messages.add(busy.getMessage());
                            }
                        }
                    }
                    return served;
                }));
            }
            int served = 0;
            for (Future<Integer> one : each) {
                served += one.get(5, TimeUnit.MINUTES);
            }
            return served;
        } finally {
            threads.shutdownNow();
        }
    }
}
