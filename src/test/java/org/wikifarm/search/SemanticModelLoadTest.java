package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.search.onnx.MiniLmModel;
import org.wikifarm.search.onnx.OnnxEmbedder;

/**
 * Loading the model in a JVM started by {@code java -cp <the whole class path>} (as a command-line tool would be):
 * the tokenizer's native library crashed such a JVM with SIGSEGV when it was loaded on a thread of 2 MB or less.
 */
class SemanticModelLoadTest {
    @TempDir
    Path cache;

    @Test
    void theModelLoadsInAPlainJvmWithALongClassPath() throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, LoadAndEmbed.class.getName(), cache.toString())
                .redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        assertThat(output).contains("dimensions 384");
    }

    /** Loads the model as the application does (on {@link SemanticModel}'s thread) and embeds one text. */
    public static final class LoadAndEmbed {
        public static void main(String[] args) throws InterruptedException {
            SemanticModel model = new SemanticModel(MiniLmModel.INT8.id(),
                    () -> OnnxEmbedder.shared(MiniLmModel.INT8, Path.of(args[0])));
            float[] vector = model.await().orElseThrow().embed(List.of("hello world")).get(0);
            System.out.println("dimensions " + vector.length);
        }
    }
}
