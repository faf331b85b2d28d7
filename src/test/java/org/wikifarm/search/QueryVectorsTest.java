package org.wikifarm.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryVectorsTest {
    /** Embeds a text as its length and counts the texts it was asked for. */
    private static final class CountingEmbedder implements Embedder {
        private final String model;
        final List<String> embedded = new ArrayList<>();

        CountingEmbedder(String model) {
            this.model = model;
        }

        @Override
        public String modelId() {
            return model;
        }

        @Override
        public int dimensions() {
            return 1;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            embedded.addAll(texts);
            return texts.stream().map(text -> new float[] {text.length()}).toList();
        }
    }

    @Test
    void aQueryAskedAgainIsNotEmbeddedAgain() {
        QueryVectors vectors = new QueryVectors(8);
        CountingEmbedder model = new CountingEmbedder("m");
        float[] first = vectors.of(model, "how to bake bread");
        float[] again = vectors.of(model, "how to bake bread");
        assertArrayEquals(first, again);
        assertEquals(List.of("how to bake bread"), model.embedded);
    }

    @Test
    void anotherModelNeverGetsAnotherModelsVector() {
        QueryVectors vectors = new QueryVectors(8);
        CountingEmbedder int8 = new CountingEmbedder("int8");
        CountingEmbedder fp32 = new CountingEmbedder("fp32");
        vectors.of(int8, "bread");
        vectors.of(fp32, "bread");
        assertEquals(List.of("bread"), int8.embedded);
        assertEquals(List.of("bread"), fp32.embedded);
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        QueryVectors vectors = new QueryVectors(2);
        CountingEmbedder model = new CountingEmbedder("m");
        vectors.of(model, "a");
        vectors.of(model, "b");
        vectors.of(model, "a"); // a is now the most recently used
        vectors.of(model, "c"); // b goes
        assertEquals(2, vectors.size());
        vectors.of(model, "a");
        vectors.of(model, "b");
        assertEquals(List.of("a", "b", "c", "b"), model.embedded);
    }
}
