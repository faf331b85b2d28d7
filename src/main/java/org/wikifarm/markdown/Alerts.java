package org.wikifarm.markdown;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;
import org.wikifarm.limit.Deadline;

/**
 * Turns block quotes that start with an alert marker on a line of its own ({@code > [!NOTE]}) into {@link Alert}s,
 * as GitHub does. Reads the parsed tree, so a marker in code or in a nested list is left alone; one pass.
 */
final class Alerts implements PostProcessor {
    @Override
    public Node process(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(BlockQuote quote) {
                Deadline.checkCurrent();
                visitChildren(quote);
                Alert alert = alertOf(quote);
                if (alert != null) {
                    for (Node child = quote.getFirstChild(); child != null; ) {
                        Node next = child.getNext();
                        alert.appendChild(child);
                        child = next;
                    }
                    alert.setSourceSpans(quote.getSourceSpans());
                    quote.insertBefore(alert);
                    quote.unlink();
                }
            }
        });
        return document;
    }

    /** The alert a quote starts, with the marker line taken out of its first paragraph, or null. */
    private static Alert alertOf(BlockQuote quote) {
        if (!(quote.getFirstChild() instanceof Paragraph paragraph)
                || !(paragraph.getFirstChild() instanceof Text marker)) {
            return null;
        }
        Node after = marker.getNext();
        if (after != null && !(after instanceof SoftLineBreak || after instanceof HardLineBreak)) {
            return null;
        }
        Alert.Kind kind = kindOf(marker.getLiteral());
        if (kind == null) {
            return null;
        }
        marker.unlink();
        if (after != null) {
            after.unlink();
        }
        if (paragraph.getFirstChild() == null) {
            paragraph.unlink();
        }
        return new Alert(kind);
    }

    /** The kind of {@code [!WORD]} (surrounding spaces allowed), or null. */
    static Alert.Kind kindOf(String literal) {
        String text = literal.strip();
        if (text.length() < 4 || text.length() > 12 || !text.startsWith("[!") || !text.endsWith("]")) {
            return null;
        }
        return Alert.Kind.of(text.substring(2, text.length() - 1));
    }
}
