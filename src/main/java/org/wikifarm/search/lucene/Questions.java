package org.wikifarm.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Long searches — a paragraph someone (or an assistant over MCP) asks as a question — read as plain words: no
 * operators, each distinct word once with its count as weight (what repeating it would give, in fewer clauses), at
 * most {@link #MAX_TERMS} distinct words per field. So a question of any allowed length stays one linear pass over
 * its text and a query well under Lucene's clause limit ({@link IndexSearcher#getMaxClauseCount()}, 1,024 by
 * default), where the query syntax would make a clause per word and field.
 */
final class Questions {
    /** A search of more words than this is a question. */
    static final int MAX_SYNTAX_WORDS = 64;
    /** Distinct words kept per field (the first ones); four fields make at most 800 clauses. */
    static final int MAX_TERMS = 200;

    private Questions() {
    }

    /** Whether the text has more than {@link #MAX_SYNTAX_WORDS} words (runs of non-blank characters). */
    static boolean isLong(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean blank = Character.isWhitespace(text.charAt(i));
            if (!blank && !inWord && ++words > MAX_SYNTAX_WORDS) {
                return true;
            }
            inWord = !blank;
        }
        return false;
    }

    /** Every field's words of the text, each weighted by field weight × how often the text has it. */
    static Query query(Analyzer analyzer, Map<String, Float> fields, String text) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        int clauses = 0;
        for (Map.Entry<String, Float> field : fields.entrySet()) {
            for (Map.Entry<String, Integer> word : counts(analyzer, field.getKey(), text).entrySet()) {
                Query term = new TermQuery(new Term(field.getKey(), word.getKey()));
                query.add(new BoostQuery(term, field.getValue() * word.getValue()), BooleanClause.Occur.SHOULD);
                clauses++;
            }
        }
        return clauses == 0 ? new MatchNoDocsQuery() : query.build();
    }

    /** The field's analysed words in order of first use with their counts, at most {@link #MAX_TERMS} of them. */
    static Map<String, Integer> counts(Analyzer analyzer, String field, String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String word = term.toString();
                if (counts.containsKey(word)) {
                    counts.merge(word, 1, Integer::sum);
                } else if (counts.size() < MAX_TERMS) {
                    counts.put(word, 1);
                }
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }
}
