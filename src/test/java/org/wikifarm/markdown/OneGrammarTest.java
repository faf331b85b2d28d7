package org.wikifarm.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.WikiLinks;
import org.wikifarm.render.Heading;
import org.wikifarm.render.MarkdownRenderer;
import org.wikifarm.render.Rendered;
import org.wikifarm.search.Chunker;
import org.wikifarm.search.MarkdownText;
import org.wikifarm.search.Section;

/**
 * One hostile document through every reader of Markdown — the page view's HTML and table of contents, the link graph,
 * search's sections and chunks, MCP's sections — and they agree on what its headings and links are.
 */
class OneGrammarTest {
    static final String DOCUMENT = """
            Lead with [[Intro]] and `[[not a link in code]]`.

            # C#
            Text & more about [[Lang/C#|the language]].

            ## Tom & Jerry `code` [[Cartoons]]
            - item with [[Nested]]
              - deeper [[Deeper|*styled* label]]

            Setext heading
            --------------

            ```
            # not a heading
            [[not a link in a fence]]
            ```

            <div>
            # not a heading in HTML
            [[not a link in HTML]]
            </div>

            ### Last ###
            The end.
            """;

    private static final Markdown GRAMMAR = new Markdown(PagePath::isValid);

    @Test
    void everyReaderSeesTheSameHeadings() {
        List<String> expected = List.of("C#", "Tom & Jerry code Cartoons", "Setext heading", "Last");
        MarkdownDocument document = GRAMMAR.parse(DOCUMENT);
        assertThat(document.headings()).extracting(MarkdownDocument.Heading::text).isEqualTo(expected);

        Rendered rendered = new MarkdownRenderer().render(DOCUMENT);
        assertThat(rendered.toc()).extracting(Heading::text).isEqualTo(expected);
        assertThat(rendered.toc()).extracting(Heading::id)
                .containsExactly("c", "tom--jerry-code-cartoons", "setext-heading", "last");
        assertThat(rendered.html()).contains("<h1 id=\"c\">C#</h1>").contains("<h2 id=\"setext-heading\">");

        assertThat(document.sourceSections()).extracting(MarkdownDocument.SourceSection::path).containsExactly(
                "C#", "C# > Tom & Jerry code Cartoons", "C# > Setext heading", "C# > Setext heading > Last");
        List<Section> sections = MarkdownText.sections(DOCUMENT);
        assertThat(sections).extracting(Section::headings).containsExactly(List.of(), List.of("C#"),
                List.of("C#", "Tom & Jerry code Cartoons"), List.of("C#", "Setext heading"),
                List.of("C#", "Setext heading", "Last"));
        assertThat(Chunker.chunks(new PagePath("p"), sections)).isNotEmpty()
                .allSatisfy(chunk -> assertThat(chunk.breadcrumb()).startsWith("p"));
    }

    @Test
    void everyReaderSeesTheSameLinks() {
        List<String> expected = List.of("Intro", "Lang/C", "Cartoons", "Nested", "Deeper");
        assertThat(GRAMMAR.parse(DOCUMENT).linkTargets()).isEqualTo(expected);
        assertThat(WikiLinks.targets(DOCUMENT)).extracting(PagePath::value).isEqualTo(expected);
        String html = new MarkdownRenderer().render(DOCUMENT).html();
        assertThat(html).contains("href=\"/__wiki__/Intro\"", "href=\"/__wiki__/Lang/C\"",
                "href=\"/__wiki__/Cartoons\"", "href=\"/__wiki__/Nested\"", "href=\"/__wiki__/Deeper\"");
        assertThat(html).doesNotContain("not%20a%20link").contains("[[not a link in code]]");
    }

    @Test
    void aSectionsTextIsItsSource() {
        MarkdownDocument document = GRAMMAR.parse(DOCUMENT);
        MarkdownDocument.SourceSection last = document.sourceSections().get(3);
        assertThat(document.lines(last.firstLine(), last.endLine())).isEqualTo("### Last ###\nThe end.\n\n");
        MarkdownDocument.SourceSection setext = document.sourceSections().get(2);
        assertThat(document.lines(setext.firstLine(), setext.endLine())).startsWith("Setext heading\n------")
                .contains("# not a heading in HTML").endsWith("### Last ###\nThe end.\n\n");
        MarkdownDocument.SourceSection cartoons = document.sourceSections().get(1);
        assertThat(document.lines(cartoons.firstLine(), cartoons.endLine())).startsWith("## Tom & Jerry")
                .doesNotContain("Setext");
    }
}
