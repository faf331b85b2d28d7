package org.wikifarm.render;

import java.util.List;
import java.util.Objects;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders a page's Markdown (CommonMark with GitHub's tables, task lists, strikethrough and autolinks, plus wiki
 * links and heading ids) to sanitised HTML and a table of contents. Thread-safe; one instance serves every wiki.
 */
public final class MarkdownRenderer {
    /**
     * Bump whenever the HTML for the same Markdown changes (an extension, the policy, an id rule), so cached
     * renderings made by the old code are not served.
     */
    public static final int VERSION = 1;

    // Order matters: wiki links go before autolinks, or "[[https://x]]"-like text would be split by the autolinker
    // before the wiki link parser sees it; heading ids go last, so a heading's text includes its links' labels.
    private static final List<Extension> EXTENSIONS = List.of(
            new WikiLinkExtension(),
            TablesExtension.create(),
            StrikethroughExtension.create(),
            new TaskLists(),
            AutolinkExtension.create(),
            new HeadingAnchors());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    // Raw HTML is kept on purpose: HtmlPolicy decides what of it survives.
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    public Rendered render(String markdown) {
        Node document = parser.parse(Objects.requireNonNull(markdown, "markdown"));
        String html = HtmlPolicy.sanitize(renderer.render(document));
        return new Rendered(html, HeadingAnchors.toc(document));
    }
}
