package org.wikifarm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;
import org.wikifarm.render.MarkdownRenderer;
import org.wikifarm.search.Chunker;
import org.wikifarm.search.MarkdownText;

/**
 * How the steps over a page's text grow with its size (docs/benchmarks.md, "Text steps"): rendering (parse, HTML,
 * sanitise), search text extraction and chunking, for ordinary prose and for the pathological shapes that used to be
 * quadratic, at 50, 100, 200 and 400 thousand characters, beside stock commonmark-java parsing and rendering the same
 * text (no extensions, no sanitiser). Linear steps keep their cost per character flat as the text doubles. In process,
 * no server; it reports, it never fails on a time.
 */
class TextStepsBench {
    private static final int[] SIZES = {50_000, 100_000, 200_000, 400_000};
    private static final int ROUNDS = 3;
    private static final PagePath PAGE = new PagePath("bench/page");

    private final MarkdownReport report = new MarkdownReport();
    private final MarkdownRenderer renderer = new MarkdownRenderer(java.time.Duration.ofMinutes(10));
    private final Parser stockParser = Parser.builder().build();
    private final HtmlRenderer stockRenderer = HtmlRenderer.builder().build();

    private record Shape(String name, Function<Integer, String> text) {
    }

    @Test
    void textSteps() {
        String loadBefore = MarkdownReport.loadAverage();
        List<Shape> shapes = List.of(
                new Shape("prose with headings, lists, links", TextStepsBench::prose),
                new Shape("`# h` lines (same heading text)", n -> "# h\n".repeat(n / 4)),
                new Shape("unclosed `[`", n -> "[".repeat(n)),
                new Shape("unclosed `![`", n -> "![".repeat(n / 2)),
                new Shape("open wiki labels (`[[a` and a bar)", n -> "[[a|".repeat(n / 4)),
                new Shape("tiny sections `# a` + one word", n -> "# a\nb\n".repeat(n / 6)));
        List<List<String>> rows = new ArrayList<>();
        for (Shape shape : shapes) {
            for (int size : SIZES) {
                String text = shape.text().apply(size);
                double stock = bestMillis(() -> stockRenderer.render(stockParser.parse(text)));
                double render = bestMillis(() -> renderer.render(text));
                double extract = bestMillis(() -> MarkdownText.sections(text));
                double chunk = bestMillis(() -> Chunker.chunks(PAGE, MarkdownText.sections(text)));
                rows.add(List.of(shape.name(), String.format(Locale.ROOT, "%,d", text.length()), ms(stock), ms(render),
                        perKb(render, text.length()), ms(extract), perKb(extract, text.length()), ms(chunk),
                        String.format(Locale.ROOT, "%.1f×", render / Math.max(stock, 0.001))));
            }
        }
        report.heading("Text steps: cost against size");
        report.paragraph("Load average before: " + loadBefore + "; after: " + MarkdownReport.loadAverage()
                + ". Best of " + ROUNDS + " rounds after a warm-up. \"render\" is the product's whole rendering (one"
                + " parse, HTML, sanitiser); \"stock\" is commonmark-java's parser and HTML renderer alone on the same"
                + " text; \"extract\" the search sections; \"chunk\" extraction plus chunking.");
        report.table(List.of("shape", "chars", "stock ms", "render ms", "render µs/KB", "extract ms",
                "extract µs/KB", "chunk ms", "render / stock"), rows);
        report.writeTo(Path.of(System.getProperty("wikifarm.bench.results", "target/bench-results.md"))
                .resolveSibling("bench-text-steps.md"));
    }

    private static String prose(int size) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < size; i++) {
            text.append("## Part ").append(i).append("\n\nSome *words* about [[Page ").append(i % 50)
                    .append("]] and a [link](https://example.org/").append(i).append(").\n\n- one\n- two `code`\n\n");
        }
        return text.toString();
    }

    private static double bestMillis(Supplier<?> work) {
        work.get();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            work.get();
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String perKb(double millis, int chars) {
        return String.format(Locale.ROOT, "%.0f", millis * 1000 / (chars / 1024.0));
    }
}
