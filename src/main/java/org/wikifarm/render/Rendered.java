package org.wikifarm.render;

import java.util.List;
import org.wikifarm.markdown.FrontMatter;
import org.wikifarm.markdown.MarkdownDocument.Features;

/**
 * A page rendered to sanitised HTML, with its headings in document order for a table of contents. The HTML holds
 * nothing specific to one wiki (wiki links carry a placeholder base), so one instance may serve every wiki with the
 * same content; {@link RenderedPage#bind} fills in the wiki at view time.
 *
 * @param complete false when the page did not render within its time budget and {@code html} is its escaped source
 * @param frontMatter the page's front matter (title, category, tags), shown beside the page, not in {@code html}
 * @param features what of the page needs a script in the browser (math, diagrams): the view loads only those
 */
public record Rendered(String html, List<Heading> toc, boolean complete, FrontMatter frontMatter, Features features) {
    public Rendered {
        toc = List.copyOf(toc);
    }

    public Rendered(String html, List<Heading> toc, boolean complete) {
        this(html, toc, complete, FrontMatter.NONE, Features.NONE);
    }

    /** The page's source, escaped, as a preformatted block: what a reader gets when the page is too complex. */
    static Rendered unrendered(String markdown) {
        return new Rendered("<pre class=\"unrendered\">" + HtmlText.escape(markdown) + "</pre>\n", List.of(), false);
    }
}
