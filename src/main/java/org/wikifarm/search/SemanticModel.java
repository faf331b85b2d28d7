package org.wikifarm.search;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding model as the rest of search sees it: loaded lazily, once, on a background thread, so start-up is
 * not slowed; until then searches fall back to full text and say "warming up". Indexing waits for it.
 * {@link #close} waits for that thread; the model it loaded belongs to the loader's owner.
 */
public final class SemanticModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SemanticModel.class);
    /** What the index records when it was built without vectors. */
    public static final String NONE = "none";
    private static final long LOADER_STACK_BYTES = 16L << 20;
    /** Loading takes seconds; a close waits this long for it before leaving the thread to finish on its own. */
    private static final long CLOSE_WAIT_MILLIS = 120_000;

    public enum State {
        OFF, WARMING_UP, READY, FAILED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String modelId;
    private final Supplier<Embedder> loader;
    private final CompletableFuture<Embedder> loaded = new CompletableFuture<>();
    private volatile boolean started;
    private Thread loading;

    /** @param loader builds the model (slow); it runs once, on its own thread, on first need or {@link #start()} */
    public SemanticModel(String modelId, Supplier<Embedder> loader) {
        this.modelId = modelId;
        this.loader = loader;
    }

    /** Semantic search switched off by settings. */
    public static SemanticModel off() {
        SemanticModel off = new SemanticModel(NONE, null);
        off.started = true;
        off.loaded.complete(null);
        return off;
    }

    /** Starts loading in the background (idempotent). */
    public void start() {
        if (started) {
            return;
        }
        synchronized (this) {
            if (started) {
                return;
            }
            started = true;
            // A big stack: loading the tokenizer's native library crashed a JVM started as `java -cp <long class
            // path>` (SIGSEGV) on threads of 2 MB or less (SemanticModelLoadTest); 16 MB is only reserved, not used.
            loading = new Thread(null, () -> {
                long begin = System.nanoTime();
                try {
                    Embedder embedder = loader.get();
                    LOG.info("Embedding model {} ready in {} ms", modelId, (System.nanoTime() - begin) / 1_000_000);
                    loaded.complete(embedder);
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("Embedding model {} could not be loaded: semantic search is off", modelId, e);
                    loaded.completeExceptionally(e);
                }
            }, "wikifarm-model-load", LOADER_STACK_BYTES);
            loading.setDaemon(true);
            loading.start();
        }
    }

    /**
     * Waits for a load in progress (a native load cannot be cut short), so that no thread of ours outlives an
     * undeployed application; a model not loaded by then never will be.
     */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            started = true;
            thread = loading;
        }
        if (thread != null) {
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("Embedding model {} is still loading after {} s; closing without it", modelId,
                        CLOSE_WAIT_MILLIS / 1000);
            }
        }
        loaded.completeExceptionally(new IllegalStateException("Search is stopped"));
    }

    public State state() {
        if (loader == null) {
            return State.OFF;
        }
        if (!loaded.isDone()) {
            start();
            return State.WARMING_UP;
        }
        return loaded.isCompletedExceptionally() ? State.FAILED : State.READY;
    }

    /** The configured model's id ({@value #NONE} when off). */
    public String modelId() {
        return modelId;
    }

    /** The id an index built now records: the model's, unless it is off or failed to load. */
    public String effectiveId() {
        State state = state();
        return state == State.OFF || state == State.FAILED ? NONE : modelId;
    }

    /** The model if it is loaded; never waits. */
    public Optional<Embedder> ifReady() {
        return state() == State.READY ? Optional.of(loaded.join()) : Optional.empty();
    }

    /** Waits for the model (indexing does); empty when it is off or failed. */
    public Optional<Embedder> await() throws InterruptedException {
        start();
        try {
            return Optional.ofNullable(loaded.get());
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }
}
