package org.wikifarm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Drives the server from a few client threads. Every loop here stops at a count and at a deadline, whichever
 * comes first, so a slow or stuck server makes a benchmark report less, never hang.
 */
final class LoadGenerator {
    /** Stop early once this many calls failed: the figures would mean nothing anyway. */
    private static final int MAX_ERRORS = 20;
    /** How long past its deadline a thread may take to finish its last call before we give up on it. */
    private static final Duration GRACE = Duration.ofSeconds(90);

    private LoadGenerator() {
    }

    /** One call; {@code thread} is 0…threads-1, {@code iteration} counts that thread's calls. */
    interface Operation {
        void run(int thread, long iteration) throws Exception;
    }

    /** Successful calls, failed calls, wall-clock seconds, and the latency of the successful calls. */
    record Result(long operations, long errors, double seconds, Stats latency, String firstError) {
        double perSecond() {
            return operations / seconds;
        }
    }

    /** Runs {@code operation} from {@code threads} threads for {@code duration} or {@code maxOperations} calls. */
    static Result run(int threads, Duration duration, long maxOperations, Operation operation) {
        AtomicLong issued = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Stats.Recorder> recorders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long began = System.nanoTime();
        long deadline = began + duration.toNanos();
        for (int t = 0; t < threads; t++) {
            Stats.Recorder recorder = new Stats.Recorder();
            recorders.add(recorder);
            int thread = t;
            workers.add(new Thread(() -> {
                long iteration = 0;
                while (System.nanoTime() < deadline && issued.getAndIncrement() < maxOperations
                        && errors.get() < MAX_ERRORS) {
                    long start = System.nanoTime();
                    try {
                        operation.run(thread, iteration++);
                        recorder.add(System.nanoTime() - start);
                    } catch (Exception | AssertionError e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
            }, "bench-load-" + t));
        }
        workers.forEach(Thread::start);
        joinAll(workers, duration.plus(GRACE));
        double seconds = (System.nanoTime() - began) / 1e9;
        Stats latency = Stats.Recorder.merge(recorders);
        return new Result(latency.count(), errors.get(), seconds, latency, firstError.get());
    }

    /**
     * Calls {@code task} once for every index below {@code count} from {@code threads} threads. Meant for setup:
     * the first failure, or running past {@code limit}, fails the benchmark.
     */
    static void forEach(int count, int threads, Duration limit, IntConsumer task) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + limit.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                while (failure.get() == null && System.nanoTime() < deadline) {
                    int index = next.getAndIncrement();
                    if (index >= count) {
                        return;
                    }
                    try {
                        task.accept(index);
                    } catch (RuntimeException | AssertionError e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "bench-setup-" + t));
        }
        workers.forEach(Thread::start);
        joinAll(workers, limit.plus(GRACE));
        if (failure.get() != null) {
            throw new AssertionError("Benchmark setup failed: " + failure.get(), failure.get());
        }
        if (next.get() < count) {
            throw new AssertionError("Benchmark setup did only " + next.get() + " of " + count + " steps in " + limit);
        }
    }

    private static void joinAll(List<Thread> workers, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (Thread worker : workers) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                worker.join(left);
                if (worker.isAlive()) {
                    workers.forEach(Thread::interrupt);
                    throw new AssertionError("A benchmark thread is stuck past its deadline: " + worker.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for benchmark threads", e);
        }
    }
}
