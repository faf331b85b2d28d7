package org.wikifarm.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vectors of the latest queries, per server: a search asked again — the same words in another mode, the screen
 * after the API, the next person typing the same question — costs no model run (~2 ms of a core). Bounded (least
 * recently used out first) and keyed by the model and the exact text, so another model never sees a stale vector.
 * Thread-safe; vectors are shared read-only.
 */
final class QueryVectors {
    /** ~1.6 KB each (384 floats and the text): 2 MB at most. */
    static final int CAPACITY = 1_024;

    private final int capacity;
    private final Map<String, float[]> vectors;

    QueryVectors(int capacity) {
        this.capacity = capacity;
        this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > QueryVectors.this.capacity;
            }
        };
    }

    /** The query's vector, embedded now unless it is kept. */
    float[] of(Embedder embedder, String query) {
        String key = embedder.modelId() + '\n' + query;
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
