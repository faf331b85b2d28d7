package org.wikifarm.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void findsTheFirstSurrogateThatIsNotHalfOfAPair() {
        assertThat(Text.loneSurrogateAt("")).isEqualTo(-1);
        assertThat(Text.loneSurrogateAt("plain and é")).isEqualTo(-1);
        assertThat(Text.loneSurrogateAt("an emoji \uD83D\uDE00 twice \uD83D\uDE00")).isEqualTo(-1);
        assertThat(Text.loneSurrogateAt("a\uD800b")).isEqualTo(1);
        assertThat(Text.loneSurrogateAt("\uDC00")).isZero();
        assertThat(Text.loneSurrogateAt("ends high \uD83D")).isEqualTo(10);
        assertThat(Text.loneSurrogateAt("\uD83D\uDE00\uDE00")).as("a low half after a pair").isEqualTo(2);
        assertThat(Text.loneSurrogateAt("\uD83D\uD83D\uDE00")).as("a high half before a pair").isZero();
    }

    @Test
    void countsAndCutsByCharacters() {
        assertThat(Text.chars("a\uD83D\uDE00b")).isEqualTo(3);
        assertThat(Text.head("a\uD83D\uDE00b", 2)).isEqualTo("a\uD83D\uDE00");
        assertThat(Text.controlAt("line\nbreak\ttab", true)).isEqualTo(-1);
        assertThat(Text.controlAt("nul\u0000", true)).isEqualTo(3);
    }
}
