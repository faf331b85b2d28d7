package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many writers at once: optimistic locking must acknowledge exactly what it commits, and lose nothing. */
class ConcurrentWritesIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void parallelEditsFromTheSameRevisionLetExactlyOneWin() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        String base = pages.create("Contested", "base");
        int writers = 20;

        List<ApiResponse> answers = inParallel(writers,
                i -> () -> pages.put("Contested", "writer " + i, base));

        List<ApiResponse> won = answers.stream().filter(a -> a.status() == 200).toList();
        List<ApiResponse> lost = answers.stream().filter(a -> a.status() == 409).toList();
        assertThat(won).as("200 answers among %s", answers).hasSize(1);
        assertThat(lost).as("409 answers among %s", answers).hasSize(writers - 1);
        String winner = won.get(0).text("revision");
        for (ApiResponse loss : lost) {
            loss.expectError(409, "stale_revision");
            assertThat(loss.text("current_revision")).as("current_revision of %s", loss).isEqualTo(winner);
        }
        assertThat(pages.historyRevisions("Contested")).containsExactly(winner, base);
        ApiResponse current = pages.get("Contested").expect(200);
        assertThat(current.text("revision")).isEqualTo(winner);
        assertThat(current.text("content")).isEqualTo(won.get(0).text("content"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void parallelSavesOnDifferentPagesAllSucceedAndAllAppearInTheChangelog() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        int threads = 8;
        int saves = 10;

        List<List<String>> revisionsPerThread = inParallel(threads, t -> () -> {
            List<String> revisions = new ArrayList<>();
            String page = "thread-" + t;
            String revision = null;
            for (int s = 0; s < saves; s++) {
                ApiResponse saved = pages.put(page, "thread " + t + " save " + s, revision).expect(s == 0 ? 201 : 200);
                revision = saved.text("revision");
                revisions.add(revision);
            }
            return revisions;
        });

        Set<String> acknowledged = new HashSet<>();
        revisionsPerThread.forEach(acknowledged::addAll);
        assertThat(acknowledged).hasSize(threads * saves);
        List<String> changelog = pages.changelogRevisions();
        assertThat(changelog).hasSize(threads * saves).containsExactlyInAnyOrderElementsOf(acknowledged);
        for (int t = 0; t < threads; t++) {
            List<String> expected = new ArrayList<>(revisionsPerThread.get(t));
            Collections.reverse(expected);
            assertThat(pages.historyRevisions("thread-" + t)).containsExactlyElementsOf(expected);
            assertThat(pages.get("thread-" + t).expect(200).text("content"))
                    .isEqualTo("thread " + t + " save " + (saves - 1));
        }
        assertThat(pages.paths("thread-")).hasSize(threads);
    }

    /** Runs {@code count} tasks released at the same instant and returns their results in task order. */
    static <T> List<T> inParallel(int count, TaskFactory<T> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<T> task = tasks.task(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(4, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface TaskFactory<T> {
        Callable<T> task(int index);
    }
}
