package org.wikifarm.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.junit.jupiter.api.Test;

/**
 * A wiki's choice of which half of {@code [[a|b]]} names the page: {@code [[Page|Label]]} (the default) or An Otter
 * Wiki's {@code [[Label|Page]]}. Everything else about a wiki link reads the same either way.
 */
class WikiLinkOrderTest {
    private static final Markdown PAGE_FIRST = new Markdown(WikiLinkOrderTest::isPage, WikiLinkOrder.PAGE_FIRST);
    private static final Markdown LABEL_FIRST = new Markdown(WikiLinkOrderTest::isPage, WikiLinkOrder.LABEL_FIRST);

    private static boolean isPage(String target) {
        return !target.isBlank() && !target.contains("..") && !target.startsWith("/");
    }

    /** Each link as "target#anchor=label", in document order. */
    private static List<String> links(Markdown grammar, String source) {
        List<String> found = new ArrayList<>();
        grammar.parse(source).root().accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Link link) {
                if (link instanceof WikiLink wiki) {
                    StringBuilder label = new StringBuilder();
                    text(wiki, label);
                    found.add(wiki.target() + (wiki.anchor().isEmpty() ? "" : "#" + wiki.anchor()) + "=" + label);
                }
            }
        });
        return found;
    }

    private static void text(Node node, StringBuilder out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text text) {
                out.append(text.getLiteral());
            } else {
                text(child, out);
            }
        }
    }

    @Test
    void theDefaultIsPageFirst() {
        assertThat(new Markdown(WikiLinkOrderTest::isPage).order()).isEqualTo(WikiLinkOrder.PAGE_FIRST);
        assertThat(WikiLinkOrder.DEFAULT).isEqualTo(WikiLinkOrder.PAGE_FIRST);
    }

    @Test
    void readsEachHalfAsTheOrderSays() {
        String source = "See [[Plan|the plan]] and [[Home]].";
        assertThat(links(PAGE_FIRST, source)).containsExactly("Plan=the plan", "Home=Home");
        assertThat(links(LABEL_FIRST, source)).containsExactly("the plan=Plan", "Home=Home");
        assertThat(links(LABEL_FIRST, "[[The plan|docs/Plan#Goals]]")).containsExactly("docs/Plan#Goals=The plan");
        assertThat(links(LABEL_FIRST, "[[ spaced label |  Page  ]]")).containsExactly("Page=spaced label");
    }

    @Test
    void aThirdHalfBelongsToTheLabel() {
        // The page never holds a bar: it is the half after the last one where labels come first, the first one
        // otherwise.
        assertThat(links(PAGE_FIRST, "[[A|B|C]]")).containsExactly("A=B|C");
        assertThat(links(LABEL_FIRST, "[[A|B|C]]")).containsExactly("C=A|B");
    }

    @Test
    void emptyHalves() {
        // No label: the page's name is shown; no page: no link.
        assertThat(links(LABEL_FIRST, "[[|Page]]")).containsExactly("Page=Page");
        assertThat(links(LABEL_FIRST, "[[  |Page]]")).containsExactly("Page=Page");
        assertThat(links(LABEL_FIRST, "[[Label|]] [[Label| ]] [[|]] [[]] [[ ]]")).isEmpty();
        assertThat(links(PAGE_FIRST, "[[Page|]]")).containsExactly("Page=Page");
        assertThat(links(PAGE_FIRST, "[[|Label]]")).isEmpty();
    }

    @Test
    void escapesAndCodeReadAlikeInBothOrders() {
        // Escapes are decoded before links are read, in both orders alike; code is never a link.
        assertThat(links(LABEL_FIRST, "\\[[Label|Page]] `[[Label|Code]]` [[Label\\|Page]] [[&lt;b&gt;|Page]]"))
                .containsExactly("Page=Label", "Page=Label", "Page=<b>");
        assertThat(links(PAGE_FIRST, "\\[[Page|Label]] `[[Code|Label]]` [[Page\\|Label]]"))
                .containsExactly("Page=Label", "Page=Label");
        assertThat(links(LABEL_FIRST, "```\n[[Label|Fenced]]\n```\n<div>\n[[Label|Html]]\n</div>\n")).isEmpty();
        // An escaped bracket inside is a bracket: the link is broken either way.
        assertThat(links(LABEL_FIRST, "[[La\\]bel|Page]]")).isEmpty();
    }

    @Test
    void invalidPagesStayText() {
        assertThat(links(LABEL_FIRST, "[[Label|../etc/passwd]] [[Label|/abs]] [[x|ok]]")).containsExactly("ok=x");
        // The label of a label-first link may name anything: it is only shown.
        assertThat(links(LABEL_FIRST, "[[../etc/passwd|ok]]")).containsExactly("ok=../etc/passwd");
    }

    @Test
    void brokenSyntaxAndHostileInputStayText() {
        assertThat(links(LABEL_FIRST, "[[unclosed|Page and [single] [[multi\nline|Page]] []]")).isEmpty();
        assertThat(links(LABEL_FIRST, "[[[Label|Triple]]]")).containsExactly("Triple=Label");
        // Raw HTML in a label is markup, as in page-first labels (the sanitiser decides what of it is shown).
        assertThat(links(LABEL_FIRST, "[[<script>alert(1)</script>|Page]]")).containsExactly("Page=alert(1)");
        // Many bars and brackets: read in one pass, the last bar before the close decides.
        String bars = "[[" + "|".repeat(50_000) + "Page]]";
        assertThat(links(LABEL_FIRST, bars)).containsExactly("Page=" + "|".repeat(49_999));
        String opens = "[[".repeat(50_000) + "a|b";
        assertThat(links(LABEL_FIRST, opens)).isEmpty();
        assertThat(links(LABEL_FIRST, "[[a|b]]".repeat(10_000))).hasSize(10_000);
    }

    @Test
    void aLabelMayHoldInlineMarkupInEitherOrder() {
        assertThat(links(PAGE_FIRST, "[[Page|*new* plan]]")).containsExactly("Page=new plan");
        assertThat(links(LABEL_FIRST, "[[*new* plan|Page]]")).containsExactly("Page=new plan");
        assertThat(links(LABEL_FIRST, "[[a *b|c* d|Page#Top]] and [[x|y]]"))
                .containsExactly("Page#Top=a b|c d", "y=x");
        assertThat(links(LABEL_FIRST, "*[[new plan|Page]]*")).containsExactly("Page=new plan");
        // The closing part must name a page, and nothing but markup may lie between.
        assertThat(links(LABEL_FIRST, "[[*new* plan]] [[*a* b|../x]] [[*a* [b] c|Page]] [[*a*\nb|Page]]"))
                .isEmpty();
        assertThat(links(LABEL_FIRST, "[[*a* b|Page]]tail [[c|D]]")).containsExactly("Page=a b", "D=c");
    }

    @Test
    void aMarkupLabelsPageIsLocatedForRewriting() {
        String source = "See [[*new* plan|Old]] and [[**x**| Old #Top]].";
        List<String> spelled = LABEL_FIRST.parseLocated(source).wikiLinks().stream()
                .map(link -> link.located() ? link.start() + ":" + source.substring(link.start(), link.end()) : "?")
                .toList();
        assertThat(spelled).containsExactly(source.indexOf("Old]]") + ":Old", source.indexOf("Old #") + ":Old");
    }

    @Test
    void locatesThePageHalfForRewriting() {
        String source = "[[Label|Old]] and [[Old]] and [[ A | B | Old #Part ]] and [[Old|Label]]";
        List<String> spelled = LABEL_FIRST.parseLocated(source).wikiLinks().stream()
                .map(link -> link.located() ? link.start() + ":" + source.substring(link.start(), link.end()) : "?")
                .toList();
        assertThat(spelled).containsExactly(source.indexOf("Old") + ":Old", source.indexOf("[[Old]]") + 2 + ":Old",
                source.indexOf(" Old #") + 1 + ":Old", source.indexOf("[[Old|") + 6 + ":Label");
    }

    @Test
    void wireNames() {
        assertThat(WikiLinkOrder.parse("page_first")).isEqualTo(WikiLinkOrder.PAGE_FIRST);
        assertThat(WikiLinkOrder.parse("label_first")).isEqualTo(WikiLinkOrder.LABEL_FIRST);
        assertThat(WikiLinkOrder.parse("LABEL_FIRST")).isNull();
        assertThat(WikiLinkOrder.parse("")).isNull();
        assertThat(WikiLinkOrder.parse(null)).isNull();
        assertThat(WikiLinkOrder.LABEL_FIRST.wireName()).isEqualTo("label_first");
    }
}
