package org.wikifarm.render;

import java.util.List;

/**
 * A page rendered to sanitised HTML, with its headings in document order for a table of contents. The HTML holds
 * nothing specific to one wiki (wiki links carry a placeholder base), so one instance may serve every wiki with the
 * same content; {@link RenderedPage#bind} fills in the wiki at view time.
 *
 * @param complete false when the page did not render within its time budget and {@code html} is its escaped source
 */
public record Rendered(String html, List<Heading> toc, boolean complete) {
    public Rendered {
        toc = List.copyOf(toc);
    }

    /** The page's source, escaped, as a preformatted block: what a reader gets when the page is too complex. */
    static Rendered unrendered(String markdown) {
        return new Rendered("<pre class=\"unrendered\">" + HtmlText.escape(markdown) + "</pre>\n", List.of(), false);
    }
}
