package org.wikifarm.search.lucene;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * Lucene's default codec with stored fields kept in small blocks. Lucene stores the fields of many documents together
 * (blocks of up to 80 KB with a shared dictionary) and decompresses a block's dictionary and sub-block to read one
 * document: for the chunk texts a search shows (and the page bodies it highlights, stored fields up to layout 4), that
 * was ~22 µs per document on the 20,000-chunk benchmark wiki, a fifth of a search screen's Java time. Plain LZ4 in blocks of 2 KB (a page body
 * or a chunk text is then mostly compressed on its own) reads the same document in ~9–10 µs, for stored fields ~1.5×
 * larger (the whole index ~8 % larger). Measured in docs/search.md ("The search screen against An Otter Wiki").
 * Since layout 6 the stored fields hold only the paths (chunk texts are in doc values, {@link ChunkValues}); the codec
 * stays, so the segments it wrote are read and replaced as any others.
 *
 * <p>Lucene finds a codec by its name when it opens a segment (registered in
 * {@code META-INF/services/org.apache.lucene.codecs.Codec}); segments written before by the default codec stay
 * readable and are rewritten with this one when they are merged or the wiki is reindexed.
 */
public final class WikiCodec extends FilterCodec {
    static final String NAME = "WikifarmLucene912";

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            "WikifarmStoredFields", CompressionMode.FAST, 2 * 1024, 128, 10);

    /** Called by Lucene's service loader too, when it opens a segment written with this codec. */
    public WikiCodec() {
        super(NAME, new Lucene912Codec());
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }
}
