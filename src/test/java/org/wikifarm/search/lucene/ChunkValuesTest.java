package org.wikifarm.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** A chunk's ordinal, breadcrumb and text come back from their one doc value as they went in. */
class ChunkValuesTest {
    @Test
    void theFieldsComeBackAsTheyWentInWhateverTheirCharacters() {
        for (ChunkValues.Fields chunk : new ChunkValues.Fields[] {
                new ChunkValues.Fields(0, "", ""),
                new ChunkValues.Fields(7, "Garden › Roses", "Roses need sun."),
                new ChunkValues.Fields(Integer.MAX_VALUE, "Été — 日本 🌹", "Text with\nlines, ünïcode and 🌷.")}) {
            BytesRef value = ChunkValues.encode(chunk.ordinal(), chunk.breadcrumb(), chunk.text());
            assertThat(ChunkValues.decode(value)).isEqualTo(chunk);
        }
    }

    @Test
    void aValueIsReadWhereItLiesInALargerArray() {
        BytesRef alone = ChunkValues.encode(3, "Kitchen", "Bread rises overnight.");
        byte[] larger = new byte[alone.length + 20];
        java.util.Arrays.fill(larger, (byte) 'x');
        System.arraycopy(alone.bytes, alone.offset, larger, 9, alone.length);
        assertThat(ChunkValues.decode(new BytesRef(larger, 9, alone.length)))
                .isEqualTo(new ChunkValues.Fields(3, "Kitchen", "Bread rises overnight."));
    }
}
