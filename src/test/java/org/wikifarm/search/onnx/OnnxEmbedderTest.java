package org.wikifarm.search.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real model, from the class path. fp32 must reproduce the reference vector of docs/stack.md. */
class OnnxEmbedderTest {
    @TempDir
    Path cache;

    @Test
    void fp32HelloWorldMatchesTheReference() {
        try (OnnxEmbedder embedder = OnnxEmbedder.load(MiniLmModel.FP32, cache, 1)) {
            float[] vector = embedder.embed(List.of("hello world")).get(0);
            float[] reference = {-0.034478f, 0.03102f, 0.00673f, 0.02611f, -0.039362f};
            assertThat(vector).hasSize(384);
            for (int i = 0; i < reference.length; i++) {
                assertThat(vector[i]).as("component %d", i).isCloseTo(reference[i], within(1e-3f));
            }
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void batchesMatchSingleCallsAndInt8StaysCloseToFp32() {
        List<String> texts = List.of("hello world", "A much longer sentence about gardening tools and soil.", "x");
        try (OnnxEmbedder int8 = OnnxEmbedder.load(MiniLmModel.INT8, cache, 1);
             OnnxEmbedder fp32 = OnnxEmbedder.load(MiniLmModel.FP32, cache, 1)) {
            List<float[]> fp32Batch = fp32.embed(texts);
            List<float[]> int8Batch = int8.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                float[] fp32Single = fp32.embed(List.of(texts.get(i))).get(0);
                assertThat(dot(fp32Batch.get(i), fp32Single)).as("fp32: padding must not change '%s'", texts.get(i))
                        .isCloseTo(1.0, within(1e-4));
                // int8 is dynamically quantised: activation scales are taken over the whole batch, so neighbours
                // move a vector a little. Close enough for retrieval, and why the cache keys on text, not batch.
                float[] int8Single = int8.embed(List.of(texts.get(i))).get(0);
                assertThat(dot(int8Batch.get(i), int8Single)).as("int8 batch vs single").isGreaterThan(0.97);
                assertThat(dot(int8Single, fp32Single)).as("int8 vs fp32").isGreaterThan(0.95);
            }
            assertThat(int8.modelId()).isNotEqualTo(fp32.modelId());
        }
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }
}
