package org.wikifarm.search;

import java.util.List;

/**
 * Turns texts into unit-length vectors (so a dot product is their cosine). Implementations are thread-safe.
 * {@link #modelId()} names the exact model: vectors of two models must never meet in one index.
 */
public interface Embedder extends AutoCloseable {
    String modelId();

    int dimensions();

    /** One normalised vector per text, in order. */
    List<float[]> embed(List<String> texts);

    @Override
    default void close() {
    }
}
