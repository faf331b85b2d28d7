package org.wikifarm.page;

import java.util.List;
import org.wikifarm.markdown.Markdown;

/**
 * The pages a Markdown text links to with {@code [[Page]]} or {@code [[Page|label]]}, as the page view renders them:
 * the same grammar ({@link Markdown}), so links in code or raw HTML are not links here either.
 */
public final class WikiLinks {
    private static final Markdown GRAMMAR = new Markdown(PagePath::isValid);

    private WikiLinks() {
    }

    /** The link targets in order of first appearance, each once, leaving out any that is not a valid page. */
    public static List<PagePath> targets(String markdown) {
        return GRAMMAR.parse(markdown).linkTargets().stream().map(PagePath::new).toList();
    }
}
