package org.wikifarm.markdown;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.PostProcessor;
import org.wikifarm.limit.Deadline;

/**
 * Fenced code blocks that are not code: {@code ```mermaid} becomes a {@link Diagram} and {@code ```math} a
 * {@link MathBlock}, keeping their source text and place in the source.
 */
final class FencedBlocks implements PostProcessor {
    @Override
    public Node process(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock code) {
                Deadline.checkCurrent();
                String language = language(code.getInfo());
                Node replacement = switch (language) {
                    case "mermaid" -> new Diagram(code.getLiteral());
                    case "math" -> new MathBlock(code.getLiteral().strip());
                    default -> null;
                };
                if (replacement != null) {
                    replacement.setSourceSpans(code.getSourceSpans());
                    code.insertBefore(replacement);
                    code.unlink();
                }
            }
        });
        return document;
    }

    /** The info string's first word, as CommonMark takes a code block's language. */
    private static String language(String info) {
        if (info == null) {
            return "";
        }
        String stripped = info.strip();
        int space = 0;
        while (space < stripped.length() && !Character.isWhitespace(stripped.charAt(space))) {
            space++;
        }
        return stripped.substring(0, space);
    }
}
