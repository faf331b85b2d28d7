package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikifarm.page.git.TestWiki.ALICE;
import static org.wikifarm.page.git.TestWiki.page;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.Change;
import org.wikifarm.page.StaleRevisionException;

class GitConcurrencyTest extends GitWikiTestCase {
    ExecutorService pool;

    /** Runs before the wiki is closed (a subclass's {@code @AfterEach} comes first). */
    @AfterEach
    void stopPool() throws Exception {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void onlyOneOfManyEditsOfTheSameRevisionWins() throws Exception {
        String base = wiki.save("Home", "original", null);
        int threads = 20;
        List<Object> outcomes = race(threads, i -> () -> {
            try {
                return store.save(page("Home"), "edit " + i, base, ALICE, null).revision();
            } catch (StaleRevisionException e) {
                return e;
            }
        });

        List<String> winners = outcomes.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        List<StaleRevisionException> losers = outcomes.stream().filter(StaleRevisionException.class::isInstance)
                .map(StaleRevisionException.class::cast).toList();
        assertThat(winners).hasSize(1);
        assertThat(losers).hasSize(threads - 1)
                .allSatisfy(e -> assertThat(e.currentRevision()).isEqualTo(winners.get(0)));
        assertThat(store.history(page("Home"), 100)).extracting(Change::revision)
                .containsExactly(winners.get(0), base);
        assertThat(store.changelog(100, null)).hasSize(2);
    }

    @Test
    void parallelEditsOfDifferentPagesAllLand() throws Exception {
        int threads = 8;
        int saves = 25;
        List<Object> outcomes = race(threads, t -> () -> {
            List<String> mine = new ArrayList<>();
            String base = null;
            for (int i = 0; i < saves; i++) {
                base = store.save(page("thread" + t + "/page"), "save " + i, base, ALICE, null).revision();
                // Reads run alongside the writes of other threads.
                assertThat(store.read(page("thread" + t + "/page")).orElseThrow().revision()).isEqualTo(base);
                mine.add(base);
            }
            return mine;
        });

        List<String> all = store.changelog(1000, null).stream().map(Change::revision).toList();
        assertThat(all).hasSize(threads * saves).doesNotHaveDuplicates();
        for (int t = 0; t < threads; t++) {
            @SuppressWarnings("unchecked")
            List<String> mine = (List<String>) outcomes.get(t);
            assertThat(all).containsAll(mine);
            List<String> newestFirst = new ArrayList<>(mine);
            Collections.reverse(newestFirst);
            assertThat(store.history(page("thread" + t + "/page"), 1000)).extracting(Change::revision)
                    .containsExactlyElementsOf(newestFirst);
            assertThat(store.read(page("thread" + t + "/page")).orElseThrow().content())
                    .isEqualTo("save " + (saves - 1));
        }
        assertThat(store.pageCount()).isEqualTo(threads);
    }

    private interface Task {
        Callable<Object> of(int index);
    }

    /** Starts all tasks at once and returns their results in task order. */
    private List<Object> race(int threads, Task task) throws Exception {
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<Object> work = task.of(i);
            futures.add(pool.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        start.countDown();
        List<Object> results = new ArrayList<>();
        for (Future<Object> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
