package org.wikifarm.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.store.TenantId;

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

    private static final TenantId WIKI = new TenantId("wikiaaaaaaaa");

    @Test
    void aQueryAskedAgainIsNotEmbeddedAgain() {
        QueryVectors vectors = new QueryVectors(8);
        CountingEmbedder model = new CountingEmbedder("m");
        float[] first = vectors.of(model, WIKI, "how to bake bread");
        float[] again = vectors.of(model, WIKI, "how to bake bread");
        assertArrayEquals(first, again);
        assertEquals(List.of("how to bake bread"), model.embedded);
    }

    @Test
    void anotherModelNeverGetsAnotherModelsVector() {
        QueryVectors vectors = new QueryVectors(8);
        CountingEmbedder int8 = new CountingEmbedder("int8");
        CountingEmbedder fp32 = new CountingEmbedder("fp32");
        vectors.of(int8, WIKI, "bread");
        vectors.of(fp32, WIKI, "bread");
        assertEquals(List.of("bread"), int8.embedded);
        assertEquals(List.of("bread"), fp32.embedded);
    }

    @Test
    void withNoRoomEveryQueryIsEmbedded() {
        QueryVectors vectors = new QueryVectors(0);
        CountingEmbedder model = new CountingEmbedder("m");
        vectors.of(model, WIKI, "bread");
        vectors.of(model, WIKI, "bread");
        assertEquals(List.of("bread", "bread"), model.embedded);
        assertEquals(0, vectors.size());
    }

    @Test
    void aWikiNeverGetsTheVectorAnotherWikiAskedFor() {
        QueryVectors vectors = new QueryVectors(8);
        CountingEmbedder model = new CountingEmbedder("m");
        vectors.of(model, WIKI, "bread");
        vectors.of(model, new TenantId("wikibbbbbbb2"), "bread");
        assertEquals(List.of("bread", "bread"), model.embedded);
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        QueryVectors vectors = new QueryVectors(2);
        CountingEmbedder model = new CountingEmbedder("m");
        vectors.of(model, WIKI, "a");
        vectors.of(model, WIKI, "b");
        vectors.of(model, WIKI, "a"); // a is now the most recently used
        vectors.of(model, WIKI, "c"); // b goes
        assertEquals(2, vectors.size());
        vectors.of(model, WIKI, "a");
        vectors.of(model, WIKI, "b");
        assertEquals(List.of("a", "b", "c", "b"), model.embedded);
    }
}
