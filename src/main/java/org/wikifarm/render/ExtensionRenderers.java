package org.wikifarm.render;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;
import org.wikifarm.markdown.Alert;
import org.wikifarm.markdown.Diagram;
import org.wikifarm.markdown.FootnoteBackref;
import org.wikifarm.markdown.FootnoteDefinition;
import org.wikifarm.markdown.FootnoteRef;
import org.wikifarm.markdown.Footnotes;
import org.wikifarm.markdown.MathBlock;
import org.wikifarm.markdown.MathInline;

/**
 * HTML for the grammar's own blocks. Math and diagrams are written as their source, escaped, in an element the
 * browser's scripts look for ({@code static/markdown.js}): with scripts off, or before they run, a reader sees the
 * source. Nothing here writes a style: the strict CSP forbids inline styles, so alignment and looks are classes.
 */
final class ExtensionRenderers {
    private ExtensionRenderers() {
    }

    /**
     * A table cell's alignment as {@code class="align-center"} instead of the {@code align} attribute, which the
     * page's CSS would override (Pico sets {@code text-align} on cells).
     */
    static void alignByClass(Node node, Map<String, String> attributes) {
        if (node instanceof TableCell cell && cell.getAlignment() != null) {
            attributes.remove("align");
            attributes.put("class", "align-" + cell.getAlignment().name().toLowerCase(Locale.ROOT));
        }
    }

    /** {@code <div class="alert alert-note"><p class="alert-title">Note</p>…</div>}. */
    static final class AlertRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        AlertRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Alert.class);
        }

        @Override
        public void render(Node node) {
            Alert alert = (Alert) node;
            HtmlWriter html = context.getWriter();
            html.line();
            html.tag("div", Map.of("class", "alert " + alert.kind().cssClass()));
            html.line();
            html.tag("p", Map.of("class", "alert-title"));
            html.text(alert.kind().title());
            html.tag("/p");
            html.line();
            for (Node child = node.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
            html.line();
            html.tag("/div");
            html.line();
        }
    }

    /** {@code <span class="math-inline">TeX</span>} and {@code <div class="math-display">TeX</div>}. */
    static final class MathRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        MathRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(MathInline.class, MathBlock.class);
        }

        @Override
        public void render(Node node) {
            HtmlWriter html = context.getWriter();
            if (node instanceof MathInline inline) {
                html.tag("span", Map.of("class", "math-inline"));
                html.text(inline.tex());
                html.tag("/span");
            } else {
                html.line();
                html.tag("div", Map.of("class", "math-display"));
                html.text(((MathBlock) node).tex());
                html.tag("/div");
                html.line();
            }
        }
    }

    /** {@code <pre class="mermaid">source</pre>}: Mermaid reads the element's text. */
    static final class DiagramRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        DiagramRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Diagram.class);
        }

        @Override
        public void render(Node node) {
            HtmlWriter html = context.getWriter();
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("class", "mermaid");
            html.line();
            html.tag("pre", attributes);
            html.text(((Diagram) node).source());
            html.tag("/pre");
            html.line();
        }
    }

    /**
     * Footnotes: {@code <sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>} and, at the end,
     * {@code <section class="footnotes"><ol><li id="fn-1">…<a href="#fnref-1" class="footnote-backref">↩</a>}. Ids
     * are numbers, never the label a writer chose.
     */
    static final class FootnoteRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        FootnoteRenderer(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(FootnoteRef.class, FootnoteBackref.class, Footnotes.class, FootnoteDefinition.class);
        }

        @Override
        public void render(Node node) {
            HtmlWriter html = context.getWriter();
            if (node instanceof FootnoteRef ref) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("href", "#fn-" + ref.number());
                attributes.put("id", "fnref-" + ref.number() + (ref.occurrence() == 1 ? "" : "-" + ref.occurrence()));
                html.tag("sup", Map.of("class", "footnote-ref"));
                html.tag("a", attributes);
                html.text(Integer.toString(ref.number()));
                html.tag("/a");
                html.tag("/sup");
            } else if (node instanceof FootnoteBackref back) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("href", "#fnref-" + back.number());
                attributes.put("class", "footnote-backref");
                attributes.put("title", "Back to the text");
                html.tag("a", attributes);
                html.raw("&#8617;");
                html.tag("/a");
            } else if (node instanceof Footnotes) {
                html.line();
                html.tag("section", Map.of("class", "footnotes"));
                html.line();
                html.tag("ol");
                html.line();
                renderChildren(node);
                html.tag("/ol");
                html.line();
                html.tag("/section");
                html.line();
            } else {
                html.tag("li", Map.of("id", "fn-" + ((FootnoteDefinition) node).number()));
                html.line();
                renderChildren(node);
                html.tag("/li");
                html.line();
            }
        }

        private void renderChildren(Node parent) {
            for (Node child = parent.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                context.render(child);
                child = next;
            }
        }
    }
}
