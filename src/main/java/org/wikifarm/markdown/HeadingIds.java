package org.wikifarm.markdown;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;
import org.wikifarm.limit.Deadline;

/**
 * Gives every heading an id unique within the page and its plain text, in a {@link HeadingAnchor} as its first child.
 * Runs after wiki links, so a heading's text includes its links' labels.
 */
final class HeadingIds implements PostProcessor {
    /** Used when a heading has no letters or digits at all (e.g. only punctuation or emoji). */
    static final String EMPTY_SLUG = "section";
    /** Long headings make long ids; a prefix this long still tells headings apart in practice. */
    static final int MAX_SLUG = 100;

    @Override
    public Node process(Node document) {
        Set<String> used = new HashSet<>();
        // The next number to try for each base id: 20,000 headings "h" take 20,000 steps, not 200 million.
        Map<String, Integer> nextNumber = new HashMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                Deadline.checkCurrent();
                String text = plainText(heading);
                String base = slug(text);
                base = base.isEmpty() ? EMPTY_SLUG : base;
                String id = base;
                if (!used.add(id)) {
                    int n = nextNumber.getOrDefault(base, 1);
                    do {
                        Deadline.checkCurrent();
                        id = base + "-" + n++;
                    } while (!used.add(id));
                    nextNumber.put(base, n);
                }
                heading.prependChild(new HeadingAnchor(id, text));
            }
        });
        return document;
    }

    /**
     * GitHub-style: lower case, letters, digits, marks, '-' and '_' kept, whitespace becomes '-', the rest dropped.
     * Idempotent, so a wiki link anchor may name a heading either by its text or by its id.
     */
    static String slug(String text) {
        StringBuilder slug = new StringBuilder(Math.min(text.length(), MAX_SLUG));
        String lower = text.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length() && slug.length() < MAX_SLUG; ) {
            int c = lower.codePointAt(i);
            if (Character.isLetterOrDigit(c) || isMark(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                slug.append('-');
            }
            i += Character.charCount(c);
        }
        return slug.toString();
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** The heading's words: its text, code spans and link labels, line breaks as spaces. */
    static String plainText(Node heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak node) {
                text.append(' ');
            }

            @Override
            public void visit(HardLineBreak node) {
                text.append(' ');
            }
        });
        return text.toString().strip();
    }
}
