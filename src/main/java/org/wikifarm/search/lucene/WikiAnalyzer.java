package org.wikifarm.search.lucene;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Lucene's standard tokenizer, lower case, English stop words — and a colon read as a space. Unicode word rules keep
 * {@code title:bread} or {@code note:todo} as one word; in a wiki those are two. The colon becomes a space of the
 * same length, so highlight offsets stay right. The {@linkplain #stemmed() stemmed} form then drops an English
 * possessive and reduces each word to its Porter stem (the steps of Lucene's {@code EnglishAnalyzer}), so
 * "indexes", "indexing" and "indexed" are one word; the {@linkplain #exact() exact} form keeps the words as written.
 */
final class WikiAnalyzer extends Analyzer {
    private final CharArraySet stopWords;
    private final boolean stem;

    private WikiAnalyzer(CharArraySet stopWords, boolean stem) {
        this.stopWords = stopWords;
        this.stem = stem;
    }

    /** Words reduced to their English stems: what the title, headings and body fields hold. */
    static WikiAnalyzer stemmed() {
        return new WikiAnalyzer(TextSearch.STOP_WORDS, true);
    }

    /** Words as written (lower case): what the exact field holds, so the form typed ranks above its relatives. */
    static WikiAnalyzer exact() {
        return new WikiAnalyzer(TextSearch.STOP_WORDS, false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream tokens = new LowerCaseFilter(source);
        if (stem) {
            tokens = new EnglishPossessiveFilter(tokens);
        }
        tokens = new StopFilter(tokens, stopWords);
        if (stem) {
            tokens = new PorterStemFilter(tokens);
        }
        return new TokenStreamComponents(source, tokens);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new ColonAsSpace(reader);
    }

    @Override
    protected Reader initReaderForNormalization(String fieldName, Reader reader) {
        return new ColonAsSpace(reader);
    }

    private static final class ColonAsSpace extends FilterReader {
        ColonAsSpace(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            return c == ':' ? ' ' : c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            for (int i = offset; i < offset + Math.max(read, 0); i++) {
                if (buffer[i] == ':') {
                    buffer[i] = ' ';
                }
            }
            return read;
        }
    }
}
