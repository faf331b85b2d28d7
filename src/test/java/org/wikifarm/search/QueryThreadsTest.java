package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryThreadsTest {
    @Test
    void aTaskNoThreadHasTakenRunsOnTheCallerOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (QueryThreads threads = new QueryThreads(1)) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            threads.offer(new QueryThreads.Task<>(() -> {
                busy.countDown();
                return release.await(10, TimeUnit.SECONDS);
            }));
            busy.await();
            QueryThreads.Task<String> task = new QueryThreads.Task<>(() -> runs.incrementAndGet() + " " + Thread.currentThread().getName());
            threads.offer(task); // queued behind the busy thread
            assertThat(QueryThreads.join(task)).isEqualTo("1 " + Thread.currentThread().getName());
            release.countDown();
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void failuresComeBackAsTheyWereThrown() {
        QueryThreads.Task<String> io = new QueryThreads.Task<>(() -> {
            throw new IOException("index gone");
        });
        assertThatThrownBy(() -> QueryThreads.join(io)).isInstanceOf(IOException.class).hasMessage("index gone");
        QueryThreads.Task<String> state = new QueryThreads.Task<>(() -> {
            throw new IllegalStateException("closed");
        });
        assertThatThrownBy(() -> QueryThreads.join(state)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settlingCancelsATaskNotStartedAndWaitsForOneRunning() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        QueryThreads.Task<Integer> idle = new QueryThreads.Task<>(runs::incrementAndGet);
        QueryThreads.settle(idle);
        idle.run(); // withdrawn: never runs
        assertThat(runs).hasValue(0);

        try (QueryThreads threads = new QueryThreads(1)) {
            CountDownLatch started = new CountDownLatch(1);
            QueryThreads.Task<Integer> slow = new QueryThreads.Task<>(() -> {
                started.countDown();
                Thread.sleep(200);
                return runs.incrementAndGet();
            });
            threads.offer(slow);
            started.await();
            QueryThreads.settle(slow);
            assertThat(slow.isDone()).isTrue();
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void closingStopsTheThreadsAndLaterTasksRunOnTheCaller() throws Exception {
        QueryThreads threads = new QueryThreads(2);
        threads.close();
        QueryThreads.Task<String> task = new QueryThreads.Task<>(() -> Thread.currentThread().getName());
        threads.offer(task);
        assertThat(QueryThreads.join(task)).isEqualTo(Thread.currentThread().getName());
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("wikifarm-search-query")
                && t.isAlive());
    }
}
