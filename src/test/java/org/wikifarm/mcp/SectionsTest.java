package org.wikifarm.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SectionsTest {
    private static final String PAGE = """
            Intro line
            # Plan
            text
            ## Goals
            ship
            ### Stretch
            more
            ## Risks
            ~~~
            # fenced, not a heading
            ~~~
            none
            # Notes ##
            #not-a-heading
            ## Goals
            again
            """;

    @Test
    void listsHeadingPathsOutsideCode() {
        assertThat(Sections.list(PAGE)).containsExactly("Plan", "Plan > Goals", "Plan > Goals > Stretch",
                "Plan > Risks", "Notes", "Notes > Goals");
    }

    @Test
    void aHeadingsLinkReadsAsTheWikiWritesIt() {
        String page = "# See [[Guide|the manual]]\ntext\n";
        assertThat(Sections.list(page)).containsExactly("See the manual");
        assertThat(Sections.list(page, org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST)).containsExactly("See Guide");
        assertThat(Sections.find(page, "See Guide", org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST).text())
                .startsWith(page);
        assertThat(Sections.find(page, "See Guide").found()).isFalse();
    }

    @Test
    void findsBySuffixPathOrUniqueTitle() {
        assertThat(Sections.find(PAGE, "plan > goals").text()).isEqualTo("## Goals\nship\n### Stretch\nmore\n");
        assertThat(Sections.find(PAGE, "Stretch").text()).isEqualTo("### Stretch\nmore\n");
        assertThat(Sections.find(PAGE, "Risks").text()).isEqualTo("## Risks\n~~~\n# fenced, not a heading\n~~~\nnone\n");
        assertThat(Sections.find(PAGE, "Notes > Goals").text()).isEqualTo("## Goals\nagain\n\n");
    }

    @Test
    void anAmbiguousOrUnknownNameListsTheCandidates() {
        Sections.Found ambiguous = Sections.find(PAGE, "Goals");
        assertThat(ambiguous.found()).isFalse();
        assertThat(ambiguous.candidates()).containsExactly("Plan > Goals", "Notes > Goals");
        assertThat(Sections.find(PAGE, "Budget").candidates()).hasSize(6);
        assertThat(Sections.find("no headings", "x").candidates()).isEmpty();
    }
}
