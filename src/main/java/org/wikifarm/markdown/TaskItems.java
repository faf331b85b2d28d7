package org.wikifarm.markdown;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;
import org.wikifarm.limit.Deadline;

/**
 * GFM task list items: a list item whose paragraph starts with {@code [ ]}, {@code [x]} or {@code [X]} and a space
 * gets a {@link TaskMarker}, and the marker leaves its text. Our own because the commonmark task-list-items extension
 * is not published for 0.32.0; it follows that extension's rules.
 */
final class TaskItems implements PostProcessor {
    @Override
    public Node process(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(ListItem item) {
                Deadline.checkCurrent();
                if (item.getFirstChild() instanceof Paragraph paragraph
                        && paragraph.getFirstChild() instanceof Text text) {
                    String literal = text.getLiteral();
                    if (isMarker(literal)) {
                        item.prependChild(new TaskMarker(!Character.isWhitespace(literal.charAt(1))));
                        text.setLiteral(literal.substring(3).stripLeading());
                    }
                }
                visitChildren(item);
            }
        });
        return document;
    }

    /** {@code [ ]}, {@code [x]} or {@code [X]}, then whitespace. */
    private static boolean isMarker(String literal) {
        if (literal.length() < 4 || literal.charAt(0) != '[' || literal.charAt(2) != ']') {
            return false;
        }
        char mark = literal.charAt(1);
        if (mark != 'x' && mark != 'X' && !Character.isWhitespace(mark)) {
            return false;
        }
        int i = 3;
        while (i < literal.length() && Character.isWhitespace(literal.charAt(i))) {
            i++;
        }
        return i > 3;
    }
}
