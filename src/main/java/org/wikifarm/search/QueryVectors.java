package org.wikifarm.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.store.TenantId;

/**
 * The vectors of the latest queries, one bounded memory per server: a search asked again in the same wiki — the same
 * words in another mode, the screen after the API, the next reader typing the same question — costs no model run
 * (~2 ms of a core). Least recently used out first; keyed by the wiki, the model and the exact text, so another
 * model never sees a stale vector, and no wiki can tell from a search's speed what was searched in another.
 * Thread-safe; vectors are shared read-only.
 */
final class QueryVectors {
    private final int capacity;
    private final Map<String, float[]> vectors;

    /** @param capacity how many vectors are kept ({@code searchQueryVectors}; 0 keeps none) */
    QueryVectors(int capacity) {
        this.capacity = capacity;
        this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > QueryVectors.this.capacity;
            }
        };
    }

    /** The query's vector for a search in {@code wiki}, embedded now unless that wiki's search kept it. */
    float[] of(Embedder embedder, TenantId wiki, String query) {
        String key = wiki.value() + '\n' + embedder.modelId() + '\n' + query;
        synchronized (this) {
            float[] kept = vectors.get(key);
            if (kept != null) {
                return kept;
            }
        }
        // Outside the lock: two searches embed at once, and an equal query arriving meanwhile embeds again (harmless).
        float[] vector = embedder.embed(List.of(query)).get(0);
        synchronized (this) {
            vectors.put(key, vector);
        }
        return vector;
    }

    synchronized int size() {
        return vectors.size();
    }
}
