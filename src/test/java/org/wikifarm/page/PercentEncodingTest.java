package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {
    @Test
    void pathsRoundTripWithSlashesKept() {
        PagePath path = new PagePath("Reisen/Köln 2026 (Plan)/süß & sauer");
        String encoded = PercentEncoding.encode(path.value(), true);
        assertThat(encoded).isEqualTo("Reisen/K%C3%B6ln%202026%20%28Plan%29/s%C3%BC%C3%9F%20%26%20sauer");
        assertThat(PercentEncoding.decodePath(encoded, false)).contains(path);
        assertThat(PercentEncoding.decodePath(encoded, true)).contains(path);
        assertThat(PercentEncoding.encode("a/b", false)).isEqualTo("a%2Fb");
    }

    @Test
    void brokenEscapesAndBadUtf8NameNoPage() {
        for (String bad : new String[] {"a%", "a%2", "a%G0", "%FF", "%C3", "%C3%28", "%ED%A0%80"}) {
            assertThat(PercentEncoding.decodePath(bad, true)).as(bad).isEmpty();
        }
        assertThat(PercentEncoding.decodePath("%00x", true)).as("a control character").isEmpty();
        assertThat(PercentEncoding.decodePath("a/../b", true)).as("not a valid page path").isEmpty();
        assertThat(PercentEncoding.decodePath("", true)).isEmpty();
    }

    @Test
    void onlyUrisMayCarryPrintableAsciiUnescaped() {
        assertThat(PercentEncoding.decodePath("notes (draft)", true)).contains(new PagePath("notes (draft)"));
        assertThat(PercentEncoding.decodePath("notes (draft)", false)).isEmpty();
        assertThat(PercentEncoding.decodePath("tab\there", true)).isEmpty();
        assertThat(PercentEncoding.decodePath("ö", true)).as("non-ASCII must be escaped").isEmpty();
    }
}
