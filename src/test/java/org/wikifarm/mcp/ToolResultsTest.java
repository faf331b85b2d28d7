package org.wikifarm.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolResultsTest {
    @Test
    void snippetsBecomePlainTextWithBoldMatches() {
        assertThat(ToolResults.plainSnippet("The <mark>Rail</mark> &quot;Pass&quot; &amp; &lt;b&gt; caf&#xe9; &#39;x&#x27;"
                + " &#x2F; &unknown;")).isEqualTo("The **Rail** \"Pass\" & <b> café 'x' / &unknown;");
        assertThat(ToolResults.plainSnippet(null)).isNull();
    }

    @Test
    void editNoteCountsOverlappingOccurrences() {
        assertThat(WriteTools.occurrences("aaa", "aa")).isEqualTo(2);
        assertThat(WriteTools.occurrences("one two two", "two")).isEqualTo(2);
        assertThat(WriteTools.occurrences("one", "two")).isZero();
    }

    @Test
    void theLinearSearchAgreesWithTheNaiveOne() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 2_000; round++) {
            String text = randomText(random, random.nextInt(40));
            String needle = randomText(random, 1 + random.nextInt(5));
            int count = 0;
            int first = -1;
            for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
                first = count++ == 0 ? at : first;
            }
            assertThat(WriteTools.find(text, needle)).as("'%s' in '%s'", needle, text)
                    .isEqualTo(new WriteTools.Found(count, first));
        }
    }

    private static String randomText(java.util.Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(3)));
        }
        return text.toString();
    }
}
