package org.wikifarm.search.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wikifarm.search.Embedder;

/**
 * all-MiniLM-L6-v2 with ONNX Runtime and DJL's Rust tokenizer, read from the class path: nothing is downloaded.
 * Output {@code last_hidden_state [B,T,384]} is mean-pooled over the attention mask and L2-normalised. Loading takes
 * seconds and ~100–400 MB, so build one per JVM ({@link org.wikifarm.search.SemanticModel} does) and share it:
 * ONNX Runtime sessions and the tokenizer are safe for concurrent use.
 */
public final class OnnxEmbedder implements Embedder {
    private static final int MAX_TOKENS = 256;
    /** Guarded by the class: a load runs under the lock, so {@link #closeShared} waits for one in progress. */
    private static final Map<MiniLmModel, OnnxEmbedder> SHARED = new java.util.EnumMap<>(MiniLmModel.class);
    private static boolean sharedClosed;

    private final MiniLmModel model;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    private OnnxEmbedder(MiniLmModel model, OrtEnvironment environment, OrtSession session,
                         HuggingFaceTokenizer tokenizer) {
        this.model = model;
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
    }

    /**
     * The class loader's one instance of the model, loaded on first call (one core per call: the machine is shared,
     * and parallelism comes from the index workers). It lives as long as the class loader, so every {@code App} of a
     * JVM (tests make many) shares it; the web application closes it when it stops ({@link #closeShared}).
     *
     * @throws IllegalStateException after {@link #closeShared}
     */
    public static synchronized OnnxEmbedder shared(MiniLmModel model, Path nativeCacheDir) {
        if (sharedClosed) {
            throw new IllegalStateException("The embedding model is closed: the application is stopping");
        }
        return SHARED.computeIfAbsent(model, m -> load(m, nativeCacheDir, 1));
    }

    /**
     * Closes the shared models for good, after waiting for a load in progress: their ONNX sessions and tokenizers
     * hold native memory that no garbage collection frees, and with the natives in Tomcat's {@code lib} folder that
     * memory would outlive an undeployed application. Call it when the class loader's life ends, after everything
     * that embeds has stopped.
     */
    public static synchronized void closeShared() {
        sharedClosed = true;
        SHARED.values().forEach(OnnxEmbedder::close);
        SHARED.clear();
    }

    /**
     * Loads the model. {@code nativeCacheDir} is where DJL unpacks its tokenizer library (Tomcat's user may have no
     * home); telemetry and every download are switched off before DJL's first class loads.
     *
     * @param threads ONNX Runtime intra-op threads for one call
     */
    public static OnnxEmbedder load(MiniLmModel model, Path nativeCacheDir, int threads) {
        offline(nativeCacheDir);
        try {
            HuggingFaceTokenizer tokenizer;
            try (InputStream json = resource(model.tokenizerResource())) {
                tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of(
                        "maxLength", Integer.toString(MAX_TOKENS), "truncation", "true", "padding", "true"));
            }
            byte[] onnx;
            try (InputStream in = resource(model.onnxResource())) {
                onnx = in.readAllBytes();
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                // Spinning threads burn a core while waiting: bad on a shared machine (docs/stack.md).
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                return new OnnxEmbedder(model, environment, environment.createSession(onnx, options), tokenizer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model " + model.id(), e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the model " + model.id(), e);
        }
    }

    /** Telemetry off, no downloads, native libraries unpacked into a folder we can write. */
    private static synchronized void offline(Path nativeCacheDir) {
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.offline", "true");
        try {
            Files.createDirectories(nativeCacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the native cache folder " + nativeCacheDir, e);
        }
        setIfAbsent("DJL_CACHE_DIR", nativeCacheDir.toString());
        setIfAbsent("ENGINE_CACHE_DIR", nativeCacheDir.toString());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = OnnxEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path (the model artifact is missing)");
        }
        return in;
    }

    @Override
    public String modelId() {
        return model.id();
    }

    @Override
    public int dimensions() {
        return MiniLmModel.DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int length = 0;
        for (Encoding encoding : encodings) {
            length = Math.max(length, encoding.getIds().length);
        }
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            long[] tokenIds = encodings[b].getIds();
            long[] attention = encodings[b].getAttentionMask();
            System.arraycopy(tokenIds, 0, ids, b * length, tokenIds.length);
            System.arraycopy(attention, 0, mask, b * length, attention.length);
        }
        long[] shape = {batch, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[batch * length]),
                     shape);
             OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                     "token_type_ids", typeTensor))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            List<float[]> vectors = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                vectors.add(meanPoolNormalised(hidden[b], mask, b * length, length));
            }
            return vectors;
        } catch (OrtException e) {
            throw new IllegalStateException("Embedding failed", e);
        }
    }

    /** The hidden states averaged over real tokens (mask 1), then scaled to length 1. */
    static float[] meanPoolNormalised(float[][] tokens, long[] mask, int offset, int length) {
        int dims = tokens[0].length;
        float[] sum = new float[dims];
        int count = 0;
        for (int t = 0; t < length; t++) {
            if (mask[offset + t] == 0) {
                continue;
            }
            count++;
            float[] token = tokens[t];
            for (int d = 0; d < dims; d++) {
                sum[d] += token[d];
            }
        }
        double norm = 0;
        for (int d = 0; d < dims; d++) {
            sum[d] /= Math.max(count, 1);
            norm += sum[d] * sum[d];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dims; d++) {
            sum[d] *= scale;
        }
        return sum;
    }

    /** The raw session, for the benchmark that compares the pipeline with plain ONNX Runtime. */
    public OrtSession session() {
        return session;
    }

    public HuggingFaceTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // Closing frees native memory; nothing to do if it fails.
        }
        tokenizer.close();
    }
}
