package org.wikifarm.search.lucene;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.PostingsOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.util.BytesRef;

/**
 * The highlighter's offsets from the postings, as Lucene's {@link PostingsOffsetStrategy} reads them, but each query
 * word looked up once per segment and highlight rather than once per page: Lucene's strategy seeks every word in the
 * term dictionary and opens a new postings enum for it for every page it highlights (docs/search.md, "The search
 * screen's last steps"). The highlighter visits a call's pages in document order, so one enum per word moves forward
 * through them; a page that is not after the enum's position (never, as Lucene is written today: a page twice, or
 * out of order) gets the word looked up afresh, as Lucene's strategy would. One instance serves one highlight call,
 * on one thread.
 */
final class ForwardPostingsOffsets extends PostingsOffsetStrategy {
    /** The segment's terms the enums below belong to (Lucene gives the same instance for a segment's field). */
    private Terms segment;
    private BytesRef[] words;
    /** Per word: its postings enum, or null when the segment does not have the word. */
    private PostingsEnum[] postings;

    ForwardPostingsOffsets(UHComponents components) {
        super(components);
    }

    @Override
    protected void createOffsetsEnumsForTerms(BytesRef[] sourceTerms, Terms termsIndex, int doc,
                                              List<OffsetsEnum> results) throws IOException {
        if (termsIndex != segment || sourceTerms != words) {
            segment = termsIndex;
            words = sourceTerms;
            postings = new PostingsEnum[sourceTerms.length];
            TermsEnum terms = termsIndex.iterator();
            for (int i = 0; i < sourceTerms.length; i++) {
                postings[i] = open(terms, sourceTerms[i]);
            }
        }
        for (int i = 0; i < postings.length; i++) {
            PostingsEnum enumOfWord = postings[i];
            if (enumOfWord == null) {
                continue;
            }
            if (enumOfWord.docID() >= doc) {
                enumOfWord = open(termsIndex.iterator(), words[i]);
                postings[i] = enumOfWord;
            }
            if (enumOfWord.advance(doc) == doc) {
                results.add(new OffsetsEnum.OfPostings(words[i], enumOfWord));
            }
        }
    }

    private PostingsEnum open(TermsEnum terms, BytesRef word) throws IOException {
        if (!terms.seekExact(word)) {
            return null;
        }
        PostingsEnum enumOfWord = terms.postings(null, PostingsEnum.OFFSETS);
        if (enumOfWord == null) {
            throw new IllegalArgumentException("field '" + getField() + "' was indexed without offsets");
        }
        return enumOfWord;
    }
}
