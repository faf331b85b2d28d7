package org.wikifarm.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * GFM task list items ({@code - [ ] todo}, {@code - [x] done}) rendered as disabled checkboxes: a rendered page is
 * read-only, and ticking a box would suggest the change was saved. Our own because the commonmark
 * task-list-items extension is not published for 0.32.0; it follows that extension's rules.
 */
final class TaskLists implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {
    private static final Pattern MARKER = Pattern.compile("^\\[([xX\\s])]\\s+(.*)");

    @Override
    public void extend(Parser.Builder parser) {
        parser.postProcessor(TaskLists::markTasks);
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer) {
        renderer.nodeRendererFactory(context -> new NodeRenderer() {
            @Override
            public Set<Class<? extends Node>> getNodeTypes() {
                return Set.of(Marker.class);
            }

            @Override
            public void render(Node node) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("type", "checkbox");
                attributes.put("disabled", "");
                if (((Marker) node).checked) {
                    attributes.put("checked", "");
                }
                HtmlWriter html = context.getWriter();
                html.tag("input", attributes, true);
                html.text(" ");
            }
        });
    }

    private static Node markTasks(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(ListItem item) {
                if (item.getFirstChild() instanceof Paragraph paragraph
                        && paragraph.getFirstChild() instanceof Text text) {
                    Matcher m = MARKER.matcher(text.getLiteral());
                    if (m.matches()) {
                        item.prependChild(new Marker(!m.group(1).isBlank()));
                        text.setLiteral(m.group(2));
                    }
                }
                visitChildren(item);
            }
        });
        return document;
    }

    /** The checkbox at the start of a task list item. */
    static final class Marker extends CustomNode {
        final boolean checked;

        Marker(boolean checked) {
            this.checked = checked;
        }
    }
}
