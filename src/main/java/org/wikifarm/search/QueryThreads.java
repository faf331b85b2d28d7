package org.wikifarm.search;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a hybrid search borrows to run its full-text half beside its vector half, one per core. A search
 * never waits for one to be free: it runs the task itself if no thread has taken it yet. Splitting a search only
 * pays while a core is idle: {@link #enter} tells a search whether fewer searches than cores are running. Stopped
 * with the application, so a redeploy leaves no thread behind.
 */
final class QueryThreads implements AutoCloseable {
    private final ExecutorService pool;
    private final int cores;
    private final AtomicInteger running = new AtomicInteger();

    /** A task that runs at most once, on whichever thread claims it first. */
    static final class Task<T> extends FutureTask<T> {
        private final AtomicBoolean claimed = new AtomicBoolean();

        Task(Callable<T> work) {
            super(work);
        }

        @Override
        public void run() {
            if (claimed.compareAndSet(false, true)) {
                super.run();
            }
        }

        /** True if nobody had started it: now nobody will. */
        boolean withdraw() {
            return claimed.compareAndSet(false, true);
        }
    }

    /** @param threads the threads to lend, one per core */
    QueryThreads(int threads) {
        this.cores = threads;
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "wikifarm-search-query-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Counts a search as running (or waiting for its wiki's slot) until {@link #leave}; true if a core is left for its
     * other half (fewer searches than cores were running or waiting). When every core has a search of its own, handing half of one to another thread only adds a
     * wake-up and a switch, and the other core's cache misses.
     */
    boolean enter() {
        return running.incrementAndGet() < cores;
    }

    void leave() {
        running.decrementAndGet();
    }

    /** Offers the task to a free thread; the caller still runs it itself if none takes it. */
    void offer(Task<?> task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException closing) {
            // Shutting down: the caller's own run() does it.
        }
    }

    /** The task's result, run here if no thread has started it; its failure as it was thrown. */
    static <T> T join(Task<T> task) throws IOException {
        task.run();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while searching");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Withdraws the task if it has not started, else waits for it to end (what it uses must outlive it). */
    static void settle(Task<?> task) {
        if (task.withdraw()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                task.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException ended) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }
}
