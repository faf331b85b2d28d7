package org.wikifarm.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Wiki links {@code [[Page]]}, {@code [[Page|label]]} and {@code [[Page#anchor|label]]}, rendered as
 * {@code <a class="wikilink" href="/__wiki__/Page#anchor">label</a>}. The placeholder base is replaced per view by
 * {@link RenderedPage#bind}, which also marks links to missing pages.
 */
final class WikiLinkExtension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    @Override
    public void extend(Parser.Builder parser) {
        parser.postProcessor(new WikiLinkParser());
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer) {
        renderer.nodeRendererFactory(LinkRenderer::new);
    }

    /**
     * A wiki link. It is a {@link Link} so that other processors treat it as one: the autolink extension does not
     * link URLs inside its label, and our own parser does not nest wiki links in links.
     */
    static final class WikiLink extends Link {
        WikiLink(String href) {
            super(href, null);
        }
    }

    private static final class LinkRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        LinkRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(WikiLink.class);
        }

        @Override
        public void render(Node node) {
            // Attribute order matters: RenderedPage.bind looks for exactly this prefix after sanitising.
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("class", "wikilink");
            attributes.put("href", ((WikiLink) node).getDestination());
            HtmlWriter html = context.getWriter();
            html.tag("a", attributes);
            for (Node child = node.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
            html.tag("/a");
        }
    }
}
