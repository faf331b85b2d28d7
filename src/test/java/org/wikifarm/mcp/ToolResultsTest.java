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
}
