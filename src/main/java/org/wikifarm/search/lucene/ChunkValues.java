package org.wikifarm.search.lucene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.util.BytesRef;

/**
 * A chunk's ordinal, breadcrumb and text as one binary doc value (from layout 6): read where it lies, uncompressed,
 * where a stored document first decompressed its block (~1 against ~4 µs per chunk on the 2,001-page benchmark wiki,
 * docs/search.md). Laid out as the ordinal and the breadcrumb's length in bytes (two {@code int}s), then the
 * breadcrumb and the text, both UTF-8.
 */
final class ChunkValues {
    /** The doc-values field of chunk documents; page documents have none. */
    static final String FIELD = "chunk";

    /** What a chunk document holds besides its path and vector. */
    record Fields(int ordinal, String breadcrumb, String text) {
    }

    private ChunkValues() {
    }

    static BytesRef encode(int ordinal, String breadcrumb, String text) {
        byte[] crumb = breadcrumb.getBytes(StandardCharsets.UTF_8);
        byte[] words = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer value = ByteBuffer.allocate(2 * Integer.BYTES + crumb.length + words.length)
                .putInt(ordinal).putInt(crumb.length).put(crumb).put(words);
        return new BytesRef(value.array());
    }

    static Fields decode(BytesRef value) {
        ByteBuffer header = ByteBuffer.wrap(value.bytes, value.offset, 2 * Integer.BYTES);
        int ordinal = header.getInt();
        int crumbLength = header.getInt();
        int crumbStart = value.offset + 2 * Integer.BYTES;
        int textStart = crumbStart + crumbLength;
        return new Fields(ordinal, new String(value.bytes, crumbStart, crumbLength, StandardCharsets.UTF_8),
                new String(value.bytes, textStart, value.offset + value.length - textStart, StandardCharsets.UTF_8));
    }

    /** The fields of chunk document {@code doc} of {@code leaf} (its number within the leaf). */
    static Fields read(LeafReader leaf, int doc) throws IOException {
        BinaryDocValues values = DocValues.getBinary(leaf, FIELD);
        if (!values.advanceExact(doc)) {
            throw new IllegalArgumentException("Document " + doc + " is not a chunk");
        }
        return decode(values.binaryValue());
    }
}
