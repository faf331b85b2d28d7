package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;

class ChunkerTest {
    private static final PagePath PAGE = new PagePath("garden/plan");

    @Test
    void aShortPageIsOneChunkWithItsBreadcrumb() {
        List<Chunk> chunks = Chunker.chunks(PAGE, "# Plan\n\nWe plant *tomatoes* in [[Spring|spring]].\n");
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.breadcrumb()).isEqualTo("garden/plan > Plan");
            assertThat(chunk.text()).isEqualTo("We plant tomatoes in spring.");
            assertThat(chunk.embeddedText()).isEqualTo("garden/plan > Plan\nWe plant tomatoes in spring.");
        });
    }

    @Test
    void sectionsUnder300WordsStayWholeAndCarryTheirHeadingPath() {
        String page = "# Goals\n\n" + words("goal", 120) + "\n\n## Risks\n\n" + words("risk", 280) + "\n";
        List<Chunk> chunks = Chunker.chunks(PAGE, page);
        assertThat(chunks).extracting(Chunk::breadcrumb)
                .containsExactly("garden/plan > Goals", "garden/plan > Goals > Risks");
        assertThat(Words.count(chunks.get(1).text())).isEqualTo(280);
    }

    @Test
    void longSectionsAreCutOnParagraphsWith35WordsOfOverlap() {
        List<String> paragraphs = IntStream.range(0, 10).mapToObj(i -> words("p" + i + "w", 60)).toList();
        List<Chunk> chunks = Chunker.chunks(PAGE, "# Long\n\n" + String.join("\n\n", paragraphs));
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < chunks.size(); i++) {
            String text = chunks.get(i).text();
            int own = Words.count(text.contains(" … ") ? text.substring(text.indexOf(" … ") + 3) : text);
            assertThat(own).as("chunk %d words", i).isBetween(i == chunks.size() - 1 ? 1 : 100, 200);
            if (i > 0) {
                String previous = chunks.get(i - 1).text();
                assertThat(text).startsWith(Words.tail(previous, Chunker.OVERLAP) + " … ");
                // Cut on a paragraph boundary: the new part starts with a paragraph's first word.
                assertThat(text.substring(text.indexOf(" … ") + 3)).matches("(?s)p\\dw0 .*");
            }
        }
    }

    @Test
    void aParagraphLongerThanAChunkIsCutOnSentences() {
        StringBuilder paragraph = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            paragraph.append(words("s" + i + "x", 11)).append(". ");
        }
        List<Chunk> chunks = Chunker.chunks(PAGE, paragraph.toString());
        assertThat(chunks).hasSizeGreaterThan(2);
        chunks.forEach(chunk -> assertThat(chunk.text()).endsWith("."));
    }

    @Test
    void smallSectionsMergeIntoANeighbour() {
        String page = "Intro words here.\n\n# Big\n\n" + words("big", 100) + "\n\n## Tiny\n\nJust a note.\n\n# Other\n\n"
                + words("other", 60);
        List<Chunk> chunks = Chunker.chunks(PAGE, page);
        assertThat(chunks).extracting(Chunk::breadcrumb)
                .containsExactly("garden/plan > Big", "garden/plan > Other");
        assertThat(chunks.get(0).text()).startsWith("Intro words here.").contains("Tiny").contains("Just a note.");
    }

    @Test
    void headingsInsideCodeFencesAreText() {
        String page = "# Real\n\n```sh\n# not a heading\necho hi\n```\n";
        List<Chunk> chunks = Chunker.chunks(PAGE, page);
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.breadcrumb()).isEqualTo("garden/plan > Real");
            assertThat(chunk.text()).contains("# not a heading");
        });
    }

    @Test
    void changingOneParagraphChangesAtMostTwoChunks() {
        List<String> paragraphs = new ArrayList<>();
        for (int section = 0; section < 3; section++) {
            paragraphs.add("# Part " + section);
            for (int i = 0; i < 8; i++) {
                paragraphs.add(words("s" + section + "p" + i + "w", 55));
            }
        }
        List<String> edited = new ArrayList<>(paragraphs);
        edited.set(12, words("changed", 55));
        Set<String> before = texts(String.join("\n\n", paragraphs));
        Set<String> after = texts(String.join("\n\n", edited));
        Set<String> fresh = new HashSet<>(after);
        fresh.removeAll(before);
        assertThat(before).hasSizeGreaterThan(6);
        assertThat(fresh).hasSizeBetween(1, 2);
    }

    @Test
    void emptyPagesHaveNoChunks() {
        assertThat(Chunker.chunks(PAGE, "")).isEmpty();
        assertThat(Chunker.chunks(PAGE, "\n\n  \n")).isEmpty();
    }

    private static Set<String> texts(String markdown) {
        return Chunker.chunks(PAGE, markdown).stream().map(Chunk::embeddedText).collect(Collectors.toSet());
    }

    static String words(String stem, int n) {
        return IntStream.range(0, n).mapToObj(i -> stem + i).collect(Collectors.joining(" "));
    }
}
