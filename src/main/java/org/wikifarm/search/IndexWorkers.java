package org.wikifarm.search;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;

/**
 * A bounded pool of background threads ({@code searchWorkers}, default 1) that drains every wiki's queue. Wikis with
 * work wait in one FIFO; a thread takes one, indexes one batch, and puts it back at the end if more is waiting, so a
 * wiki with work waits for at most one batch of each wiki ahead of it, and a batch is bounded in work (rows, bytes of
 * Markdown, a time budget per page), so a large reindex never starves other wikis. A wiki is worked on by one thread
 * at a time. After a failure the wiki is retried later, with a growing delay; its rows stay queued. A wiki whose
 * queue has stayed empty for {@link #QUIET} is given one more turn, to compact its index ({@link Batches#compact});
 * new work for it cancels that.
 */
public final class IndexWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexWorkers.class);
    private static final long FIRST_RETRY_SECONDS = 5;
    private static final long MAX_RETRY_SECONDS = 600;
    /** How long a wiki's queue stays empty before its index is compacted: edits come in bursts. */
    static final Duration QUIET = Duration.ofSeconds(60);

    /** The work the threads do: one batch of one wiki at a time. */
    interface Batches {
        /** Indexes one batch of the wiki; true when more may be waiting. */
        boolean indexBatch(TenantId wiki) throws InterruptedException;

        /** After a batch that left nothing: whether the wiki's queue is really empty (its marker then goes). */
        boolean settled(TenantId wiki);

        /** Wikis that had queued work when the server last ran. */
        List<TenantId> marked();

        /** Compacts the wiki's index once it is quiet (merges its segments, if worth it). */
        default void compact(TenantId wiki) {
        }
    }

    private final Batches batches;
    private final int threads;
    private final Deque<TenantId> waiting = new ArrayDeque<>();
    private final Set<TenantId> queued = new HashSet<>();
    private final Set<TenantId> running = new HashSet<>();
    private final Set<TenantId> again = new HashSet<>();
    /** Wikis waiting out their retry delay after a failure. */
    private final Set<TenantId> backingOff = new HashSet<>();
    private final java.util.Map<TenantId, Long> retryDelays = new java.util.HashMap<>();
    /** Compactions waiting for their wiki to stay quiet, and wikis whose next turn (queued or running) compacts. */
    private final java.util.Map<TenantId, ScheduledFuture<?>> quietTimers = new java.util.HashMap<>();
    private final Set<TenantId> compacting = new HashSet<>();
    private final Duration quiet;
    private final ExecutorService pool;
    private final ScheduledExecutorService retries;
    private volatile boolean closed;

    public IndexWorkers(int threads, WikiIndexer indexer, IndexQueue queue) {
        this(threads, new Batches() {
            @Override
            public boolean indexBatch(TenantId wiki) throws InterruptedException {
                return indexer.indexBatch(wiki);
            }

            @Override
            public boolean settled(TenantId wiki) {
                return queue.unmarkIfEmpty(wiki);
            }

            @Override
            public List<TenantId> marked() {
                return queue.marked();
            }

            @Override
            public void compact(TenantId wiki) {
                indexer.compact(wiki);
            }
        });
    }

    IndexWorkers(int threads, Batches batches) {
        this(threads, batches, QUIET);
    }

    IndexWorkers(int threads, Batches batches, Duration quiet) {
        this.quiet = quiet;
        this.threads = threads;
        this.batches = batches;
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, runnable -> daemon(runnable,
                "wikifarm-index-" + number.incrementAndGet()));
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "wikifarm-index-retry"));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        return thread;
    }

    /** Starts the threads and, in the background, finds wikis whose queues a previous run left non-empty. */
    public void start() {
        for (int i = 0; i < threads; i++) {
            pool.execute(this::run);
        }
        retries.execute(() -> {
            try {
                batches.marked().forEach(this::wake);
            } catch (RuntimeException e) {
                LOG.error("Could not look for wikis with queued search work", e);
            }
        });
    }

    /** Tells the workers the wiki has queued work. */
    public synchronized void wake(TenantId wiki) {
        if (closed) {
            return;
        }
        cancelQuietTimer(wiki);
        if (running.contains(wiki)) {
            again.add(wiki);
            return;
        }
        // Indexing comes first: a turn queued to compact indexes instead (the wiki is quiet again later).
        compacting.remove(wiki);
        if (queued.add(wiki)) {
            waiting.addLast(wiki);
            notifyAll();
        }
    }

    /**
     * Whether the wiki is being indexed, waits for a thread, or waits to be retried after a failure. Compacting its
     * index does not count: what it finds stays the same.
     */
    public synchronized boolean busy(TenantId wiki) {
        boolean indexingTurn = !compacting.contains(wiki) || again.contains(wiki);
        return (queued.contains(wiki) || running.contains(wiki)) && indexingTurn || backingOff.contains(wiki);
    }

    private void cancelQuietTimer(TenantId wiki) {
        ScheduledFuture<?> timer = quietTimers.remove(wiki);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The wiki's queue is empty: compact its index if nothing comes for {@link #quiet}. */
    private synchronized void whenQuiet(TenantId wiki) {
        cancelQuietTimer(wiki);
        if (closed) {
            return;
        }
        quietTimers.put(wiki, retries.schedule(() -> {
            synchronized (this) {
                quietTimers.remove(wiki);
                if (closed || queued.contains(wiki) || running.contains(wiki) || backingOff.contains(wiki)) {
                    return;
                }
                compacting.add(wiki);
                queued.add(wiki);
                waiting.addLast(wiki);
                notifyAll();
            }
        }, quiet.toMillis(), TimeUnit.MILLISECONDS));
    }

    private synchronized boolean compactingTurn(TenantId wiki) {
        return compacting.contains(wiki);
    }

    private synchronized TenantId next() throws InterruptedException {
        while (waiting.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        TenantId wiki = waiting.removeFirst();
        queued.remove(wiki);
        running.add(wiki);
        return wiki;
    }

    /** @param settled the turn indexed the wiki's last queued work: compact it if it stays quiet */
    private synchronized void finished(TenantId wiki, boolean more, boolean settled) {
        running.remove(wiki);
        compacting.remove(wiki);
        boolean wokenMeanwhile = again.remove(wiki);
        if (more || wokenMeanwhile) {
            wake(wiki);
        } else if (settled) {
            whenQuiet(wiki);
        }
    }

    private void run() {
        try {
            TenantId wiki;
            while ((wiki = next()) != null) {
                boolean more = false;
                boolean settled = false;
                MDC.put("wiki", wiki.value());
                if (compactingTurn(wiki)) {
                    compact(wiki);
                    continue;
                }
                try {
                    more = batches.indexBatch(wiki);
                    if (!more && !batches.settled(wiki)) {
                        more = true;
                    }
                    synchronized (this) {
                        retryDelays.remove(wiki);
                    }
                    settled = !more;
                } catch (WikifarmException.NotFound gone) {
                    LOG.info("Wiki {} is gone; dropping its search work", wiki);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | LinkageError e) {
                    retryLater(wiki, e);
                } finally {
                    MDC.remove("wiki");
                    finished(wiki, more, settled);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A compaction that fails costs nothing but speed: it is logged, and tried again after the next quiet spell. */
    private void compact(TenantId wiki) {
        try {
            batches.compact(wiki);
        } catch (WikifarmException.NotFound | WikifarmException.Unavailable away) {
            // Deleted, moved to another node, or held closed (a restore): there is nothing to compact here now.
            LOG.info("Not compacting the search index of wiki {}: {}", wiki, away.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Compacting the search index of wiki {} failed", wiki, e);
        } finally {
            MDC.remove("wiki");
            finished(wiki, false, false);
        }
    }

    private void retryLater(TenantId wiki, Throwable failure) {
        long delay;
        synchronized (this) {
            delay = Math.min(MAX_RETRY_SECONDS, retryDelays.getOrDefault(wiki, FIRST_RETRY_SECONDS / 2) * 2);
            retryDelays.put(wiki, delay);
            backingOff.add(wiki);
        }
        if (failure instanceof org.wikifarm.error.WikifarmException.Unavailable held
                && ("wiki_restoring".equals(held.code()) || "wiki_upgrading".equals(held.code()))) {
            // Held closed on purpose (a restore, a migration by an admin): nothing is wrong, the retry catches up.
            LOG.info("Wiki {} is held closed ({}); indexing it again in {} s", wiki, held.code(), delay);
        } else {
            LOG.error("Indexing wiki {} failed; retrying in {} s", wiki, delay, failure);
        }
        if (!closed) {
            // One step, so that no status read between them sees the wiki idle.
            retries.schedule(() -> {
                synchronized (this) {
                    backingOff.remove(wiki);
                    wake(wiki);
                }
            }, delay, TimeUnit.SECONDS);
        }
    }

    /** Stops taking work and waits a little for batches in progress (their rows stay queued if cut short). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        retries.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
