package org.wikifarm.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.markdown.Markdown;
import org.wikifarm.markdown.MarkdownDocument;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PercentEncoding;
import org.wikifarm.page.WikiLinks;
import org.wikifarm.render.MarkdownRenderer;
import org.wikifarm.render.Rendered;
import org.wikifarm.search.Chunk;
import org.wikifarm.search.Chunker;
import org.wikifarm.search.MarkdownText;
import org.wikifarm.search.Section;
import org.wikifarm.tenant.NameRules;

/**
 * Every step that reads user text — the renderer, the search text extraction and chunker, the wiki-link parser, MCP
 * sections, the page-path, percent-encoding and name parsers — driven with generated and pathological inputs, each
 * under a per-input time budget. The budget is a hang detector, far above what any input here needs (milliseconds):
 * the old quadratic steps took minutes on the 200 KB inputs. Generated inputs come from a fixed seed, so a failure
 * can be replayed; each also checks what must hold whatever the input.
 */
class TextStepsFuzzTest {
    private static final Duration PER_INPUT = Duration.ofSeconds(20);
    private static final int PATHOLOGICAL_CHARS = 200_000;
    private static final long SEED = 20261206L;
    private static final Markdown GRAMMAR = new Markdown(PagePath::isValid);
    /** A renderer whose own budget is longer than the test's, so an input that is slow fails instead of falling back. */
    private static final MarkdownRenderer RENDERER = new MarkdownRenderer(Duration.ofMinutes(10));
    private static final PagePath PAGE = new PagePath("fuzz/page");

    /** Tokens that open, close or confuse some construct of the grammar. */
    private static final String[] TOKENS = {"[", "]", "![", "[[", "]]", "|", "(", ")", "#", "# ", "## ", "*", "**", "_",
        "`", "```", "~~~", "~", "<", ">", "</", "&", "&amp;", "\n", "\n\n", "\r\n", "\r", " ", "   ", "\t", "- ", "1. ",
        "> ", "| a | b |\n|---|:-:|\n", "[ ] ", "[x] ", "http://", "www.x.org", "a@b.c", "<div>", "<script>",
        "<!--", "-->", "\\", "=", "---", "[[Page|", "[[a#b]]", "](", "](url)", "<b>", "word", "Café", "Cafe\u0301",
        "中文", "\u202e", "\u200b", "\ud83d\ude00", "\ud800", "%", "%2F", "%ZZ", "..", "/", "-", "x",
        // Footnotes, alerts, math, diagrams and front matter.
        "[^", "[^1]", "[^n]: ", "\n    ", "> [!NOTE]\n", "> [!warning]", "$", "$$", "$$\n", "\\$", "$x$", "$5",
        "```mermaid\n", "```math\n", "%%{init: {}}%%", "---\n", "title: ", "tags: [a, b]", "  - ", "..."};

    static Stream<Arguments> pathological() {
        int n = PATHOLOGICAL_CHARS;
        List<Arguments> inputs = new ArrayList<>();
        add(inputs, "unclosed brackets", () -> "[".repeat(n));
        add(inputs, "unclosed image brackets", () -> "![".repeat(n / 2));
        add(inputs, "unclosed wiki links", () -> "[[".repeat(n / 2));
        add(inputs, "open wiki labels", () -> "[[a|".repeat(n / 4));
        add(inputs, "wiki labels across emphasis", () -> "[[a|x *y* ".repeat(n / 10));
        add(inputs, "label-first bars that never close", () -> "[[" + "|".repeat(n));
        add(inputs, "label-first halves", () -> "[[a|b|".repeat(n / 6));
        add(inputs, "label-first labels across emphasis", () -> "[[ *y* x".repeat(n / 8));
        add(inputs, "one open label, then emphasis", () -> "[[" + " *y* x|".repeat(n / 7));
        add(inputs, "links without ends", () -> "[a](".repeat(n / 4));
        add(inputs, "headings with one text", () -> "# h\n".repeat(n / 4));
        add(inputs, "setext headings", () -> "h\n=\n".repeat(n / 4));
        add(inputs, "tiny sections", () -> "# a\nb\n".repeat(n / 6));
        add(inputs, "emphasis runs", () -> "*a _".repeat(n / 4));
        add(inputs, "backtick runs", () -> "`".repeat(n));
        add(inputs, "code spans of every length", () -> {
            StringBuilder text = new StringBuilder();
            for (int i = 1; text.length() < n; i++) {
                text.append("`".repeat(i % 50 + 1)).append('x');
            }
            return text.toString();
        });
        add(inputs, "angle brackets", () -> "<".repeat(n));
        add(inputs, "unclosed tags", () -> "<a ".repeat(n / 3));
        add(inputs, "nested quotes", () -> "> ".repeat(n / 2) + "x");
        add(inputs, "nested lists", () -> {
            StringBuilder text = new StringBuilder();
            for (int depth = 0; text.length() < n; depth = (depth + 1) % 200) {
                text.append("  ".repeat(depth)).append("- x\n");
            }
            return text.toString();
        });
        add(inputs, "table rows", () -> "| a | b |\n|---|---|\n" + "| [ | ] |\n".repeat(n / 10));
        add(inputs, "one long line", () -> "word ".repeat(n / 5));
        add(inputs, "one long word", () -> "x".repeat(n));
        add(inputs, "sentences", () -> "Yes. ".repeat(n / 5));
        add(inputs, "entities", () -> "&#".repeat(n / 2));
        add(inputs, "autolink bait", () -> "www.".repeat(n / 4));
        add(inputs, "fences that never close", () -> "```\n" + "[[x]]\n".repeat(n / 6));
        add(inputs, "dollars without ends", () -> "$a ".repeat(n / 3));
        add(inputs, "dollar pairs", () -> "$$".repeat(n / 2));
        add(inputs, "display math that never closes", () -> "$$\n" + "x\n".repeat(n / 2));
        add(inputs, "math openers on one line", () -> "$x".repeat(n / 2));
        add(inputs, "footnote references without notes", () -> "[^a]".repeat(n / 4));
        add(inputs, "footnotes and references", () -> "[^a] x\n\n[^a]: [^a] y\n".repeat(n / 20));
        add(inputs, "many footnotes", () -> {
            StringBuilder text = new StringBuilder();
            for (int i = 0; text.length() < n; i++) {
                text.append("x[^").append(i).append("]\n\n[^").append(i).append("]: note\n\n");
            }
            return text.toString();
        });
        add(inputs, "nested alerts", () -> "> [!NOTE]\n".repeat(n / 10));
        add(inputs, "front matter that never closes", () -> "---\n" + "k: v\n".repeat(n / 4));
        add(inputs, "front matter lists", () -> "---\ntags:\n" + "  - t\n".repeat(n / 6) + "---\n");
        add(inputs, "mermaid directives", () -> "```mermaid\n" + "%%{".repeat(n / 3) + "\n```\n");
        return inputs.stream();
    }

    private static void add(List<Arguments> inputs, String name, Supplier<String> text) {
        inputs.add(Arguments.of(name, text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathological")
    void pathologicalInputsStayWithinTheBudget(String name, Supplier<String> text) {
        String input = text.get();
        assertTimeoutPreemptively(PER_INPUT, () -> everyStep(input), name);
    }

    @Test
    void generatedInputsKeepEveryInvariant() {
        Random random = new Random(SEED);
        for (int i = 0; i < 400; i++) {
            String input = soup(random, 1 + random.nextInt(i < 300 ? 300 : 3000));
            String label = "input " + i + " of seed " + SEED + ": " + printable(input);
            assertTimeoutPreemptively(PER_INPUT, () -> everyStep(input), label);
        }
    }

    @Test
    void generatedNamesAndPathsAreAcceptedOrRefusedWithAMessage() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 5_000; i++) {
            String text = soup(random, random.nextInt(40));
            assertTimeoutPreemptively(PER_INPUT, () -> pathAndNameParsers(text), printable(text));
        }
        String huge = "a/".repeat(PATHOLOGICAL_CHARS / 2) + "b";
        assertTimeoutPreemptively(PER_INPUT, () -> pathAndNameParsers(huge), "a deep path");
        assertTimeoutPreemptively(PER_INPUT, () -> pathAndNameParsers("%".repeat(PATHOLOGICAL_CHARS)), "percents");
    }

    /** Every step over one text, with what must hold whatever it is. */
    private static void everyStep(String input) {
        MarkdownDocument document = GRAMMAR.parse(input);
        Rendered rendered = RENDERER.render(input);
        assertThat(rendered.complete()).isTrue();
        assertThat(rendered.html()).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("javascript:");
        assertThat(rendered.toc().stream().map(h -> h.id()).distinct().count()).isEqualTo(rendered.toc().size());

        // One grammar: the table of contents, MCP's sections and search's sections see the same headings.
        List<String> headings = document.headings().stream().map(MarkdownDocument.Heading::text).toList();
        assertThat(rendered.toc().stream().map(h -> h.text()).toList()).isEqualTo(headings);
        assertThat(document.sourceSections().stream().map(MarkdownDocument.SourceSection::title).toList())
                .isEqualTo(headings.stream().filter(h -> !h.isBlank()).toList());
        List<Section> sections = MarkdownText.sections(input);
        assertThat(sections.stream().filter(s -> !s.headings().isEmpty())
                .map(s -> s.headings().get(s.headings().size() - 1)).toList()).isEqualTo(headings);

        for (Chunk chunk : Chunker.chunks(PAGE, sections)) {
            assertThat(chunk.text()).isNotBlank();
        }
        for (PagePath target : WikiLinks.targets(input)) {
            assertThat(PagePath.isValid(target.value())).isTrue();
        }

        // A wiki that reads [[Label|Page]]: sanitised the same, every target a page, renaming only its page halves.
        Rendered labelFirst = RENDERER.render(input, WikiLinkOrder.LABEL_FIRST);
        assertThat(labelFirst.complete()).isTrue();
        assertThat(labelFirst.html()).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("javascript:");
        List<PagePath> targets = WikiLinks.targets(input, WikiLinkOrder.LABEL_FIRST);
        for (PagePath target : targets) {
            assertThat(PagePath.isValid(target.value())).isTrue();
        }
        if (!targets.isEmpty() && WikiLinks.linkable(targets.get(0))) {
            String moved = WikiLinks.retarget(input, targets.get(0), new PagePath("fuzz/moved"),
                    WikiLinkOrder.LABEL_FIRST);
            if (moved != null) {
                assertThat(WikiLinks.targets(moved, WikiLinkOrder.LABEL_FIRST)).contains(new PagePath("fuzz/moved"));
            }
        }
    }

    private static void pathAndNameParsers(String text) {
        try {
            PagePath path = new PagePath(text);
            assertThat(PagePath.ofFile(path.file())).isEqualTo(path);
            assertThat(PercentEncoding.decodePath(PercentEncoding.encode(path.value(), true), false)).contains(path);
        } catch (WikifarmException.InvalidInput refused) {
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(PagePath.isValid(text)).isFalse();
        }
        PercentEncoding.decodePath(text, false);
        PercentEncoding.decodePath(text, true);
        boolean valid = NameRules.isValid(text);
        try {
            NameRules.check("slug", text);
            assertThat(valid).isTrue();
        } catch (WikifarmException.InvalidInput refused) {
            assertThat(valid).isFalse();
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static String soup(Random random, int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            text.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return text.toString();
    }

    private static String printable(String text) {
        String shown = text.length() > 300 ? text.substring(0, 300) + "…" : text;
        return shown.replace("\n", "\\n").replace("\r", "\\r");
    }
}
