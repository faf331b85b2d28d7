package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wikifarm.render.HtmlText;

/** Escaping written by hand: text and attribute values, and search snippets that may carry only marks. */
class HtmlTest {
    @Test
    void escapesTheFiveCharactersAndLeavesPlainTextAsItIs() {
        String plain = "Plain words, ünïcode and 𝄞";
        assertThat(HtmlText.escape(plain)).isSameAs(plain);
        assertThat(HtmlText.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&#34;e&#39;f");
        assertThat(HtmlText.escape("<<")).isEqualTo("&lt;&lt;");
        assertThat(HtmlText.escape("")).isEmpty();
    }

    @Test
    void aSnippetKeepsItsMarksAndEntitiesAndNothingElse() {
        assertThat(Html.highlighted("a <mark>river</mark> &amp; a &#39;stone&#39;").html())
                .isEqualTo("a <mark>river</mark> &amp; a &#39;stone&#39;");
        assertThat(Html.highlighted("<script>alert(1)</script> <mark onclick=x>y</mark>").html())
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &lt;mark onclick=x&gt;y</mark>");
        assertThat(Html.highlighted("fish & chips \"quoted\" 'single' &bogus entity&;").html())
                .isEqualTo("fish &amp; chips &#34;quoted&#34; &#39;single&#39; &amp;bogus entity&amp;;");
        assertThat(Html.highlighted("<mark").html()).isEqualTo("&lt;mark");
        assertThat(Html.highlighted(null).html()).isEmpty();
    }

    @Test
    void aSnippetsEllipsesAreCharacterReferencesAndItsOtherCharactersStayAsTheyAre() {
        assertThat(Html.highlighted("\u2026 roses <mark>bloom</mark> \u2026 in \u00e9t\u00e9 \u2026").html())
                .isEqualTo("&hellip; roses <mark>bloom</mark> &hellip; in \u00e9t\u00e9 &hellip;");
    }
}
