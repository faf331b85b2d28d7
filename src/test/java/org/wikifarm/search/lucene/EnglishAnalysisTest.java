package org.wikifarm.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;

/** English stems in the text fields, the words as written in the exact field, and long questions as plain words. */
class EnglishAnalysisTest {
    @TempDir
    Path dir;

    private List<String> search(LucenePageIndex index, String query) {
        return index.read(view -> view.searchText(query, 10)).stream().map(TextSearch.Hit::path).toList();
    }

    private static PageDocument page(String path, String body) {
        return new PageDocument(new PagePath(path), path, "", body, List.of());
    }

    @Test
    void stemmingFindsOtherFormsOfAWordAndTheFormTypedRanksFirst() {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(page("alpha", "We keep indexing the pages every night, then compare them."));
            index.put(page("beta", "Two indexes are kept, one per wiki, then compared."));
            index.put(page("gamma", "Nothing about that here at all."));
            index.commit(Map.of());

            // Without stems "indexes" would find only beta; with them both, the exact form first.
            assertThat(search(index, "indexes")).containsExactly("beta", "alpha");
            assertThat(search(index, "indexing")).containsExactly("alpha", "beta");
            assertThat(search(index, "indexed")).containsExactlyInAnyOrder("alpha", "beta");
            assertThat(search(index, "compared")).containsExactly("beta", "alpha");
            // A phrase still works, on stems: "keeps indexing" matches "keep indexing".
            assertThat(search(index, "\"keeps indexing\"")).containsExactly("alpha");
        }
    }

    @Test
    void possessivesAreDropped() {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(page("a", "The gardener's compost heap."));
            index.commit(Map.of());
            assertThat(search(index, "gardener")).containsExactly("a");
            assertThat(search(index, "gardeners")).containsExactly("a");
        }
    }

    @Test
    void aLongQuestionIsReadAsPlainWordsWithinTheClauseLimit() {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(page("retrieval", "Automatic retrieval of articles from approximate titles."));
            index.put(page("bread", "Sourdough bread needs a starter."));
            index.commit(Map.of());
            // 400 distinct words: the query syntax would need 1,600 clauses (four fields), over Lucene's 1,024.
            StringBuilder question = new StringBuilder("What difficulties are there in retrieving -articles"
                    + " automatically from approximate titles? ");
            for (int i = 0; i < 400; i++) {
                question.append("filler").append(i).append(' ');
            }
            assertThat(Questions.isLong(question.toString())).isTrue();
            assertThat(search(index, question.toString())).containsExactly("retrieval");
        }
    }

    @Test
    void questionsCountWordsAndKeepABoundedNumberOfTerms() {
        assertThat(Questions.isLong("word ".repeat(Questions.MAX_SYNTAX_WORDS))).isFalse();
        assertThat(Questions.isLong("word ".repeat(Questions.MAX_SYNTAX_WORDS + 1))).isTrue();
        assertThat(Questions.isLong("  \n\t ")).isFalse();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            many.append("w").append(i).append(" the w0 ");
        }
        Map<String, Integer> counts = Questions.counts(WikiAnalyzer.stemmed(), LucenePageIndex.BODY, many.toString());
        assertThat(counts).hasSize(Questions.MAX_TERMS).doesNotContainKey("the");
        // A word seen again counts again, even after the distinct words are full.
        assertThat(counts.get("w0")).isEqualTo(1001);
    }
}
