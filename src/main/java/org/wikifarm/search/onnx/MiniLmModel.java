package org.wikifarm.search.onnx;

import java.util.Locale;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.search.SemanticModel;

/**
 * The two builds of all-MiniLM-L6-v2 on the class path, from the LangChain4j model artifacts: the int8
 * quantised one (23 MB, the default) and the fp32 original (90 MB, about twice as slow). Their vectors differ
 * (cosine ≈ 0.99), so each has its own id.
 */
public enum MiniLmModel {
    INT8("all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json"),
    FP32("all-minilm-l6-v2", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json");

    public static final int DIMENSIONS = 384;

    private final String id;
    private final String onnxResource;
    private final String tokenizerResource;

    MiniLmModel(String id, String onnxResource, String tokenizerResource) {
        this.id = id;
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
    }

    public String id() {
        return id;
    }

    String onnxResource() {
        return onnxResource;
    }

    String tokenizerResource() {
        return tokenizerResource;
    }

    /**
     * The semantic model the settings ask for: none for {@code off}, otherwise this build on ONNX Runtime, loaded on
     * first need. Search itself knows only {@link SemanticModel} and {@link org.wikifarm.search.Embedder}.
     */
    public static SemanticModel semanticModel(Settings.Search settings) {
        if ("off".equals(settings.embeddingModel())) {
            return SemanticModel.off();
        }
        MiniLmModel choice = of(settings.embeddingModel());
        return new SemanticModel(choice.id(), () -> OnnxEmbedder.shared(choice, settings.nativeCacheDir()));
    }

    /** {@code int8} or {@code fp32}, as the {@code embeddingModel} setting names them. */
    public static MiniLmModel of(String setting) {
        return switch (setting.strip().toLowerCase(Locale.ROOT)) {
            case "int8" -> INT8;
            case "fp32" -> FP32;
            default -> throw new WikifarmException.InvalidInput("invalid_setting",
                    "embeddingModel must be int8, fp32 or off, not '" + setting + "'.");
        };
    }
}
