package org.wikifarm.render;

import java.util.List;

/**
 * A page rendered to sanitised HTML, with its headings in document order for a table of contents. The HTML holds
 * nothing specific to one wiki (wiki links carry a placeholder base), so one instance may serve every wiki with the
 * same content; {@link RenderedPage#bind} fills in the wiki at view time.
 */
public record Rendered(String html, List<Heading> toc) {
    public Rendered {
        toc = List.copyOf(toc);
    }
}
