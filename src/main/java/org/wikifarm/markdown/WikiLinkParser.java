package org.wikifarm.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;
import org.wikifarm.limit.Deadline;

/**
 * Finds wiki links in the parsed text: {@code [[target]]} or {@code [[target|label]]}, the target without
 * {@code [ ] |} or line breaks (an optional {@code #anchor} inside it), the label without {@code [ ]} or line breaks.
 * Working on parsed Text nodes skips code spans, code blocks and raw HTML for free. A label may hold inline markup
 * ({@code [[Page|*new* plan]]}), which the parser has already split into sibling nodes; the target must be plain text.
 * In a wiki that writes An Otter Wiki's {@code [[label|target]]} ({@link WikiLinkOrder#LABEL_FIRST}) the halves swap:
 * the target is the part after the last bar, and a label with markup closes in the sibling that names the target.
 *
 * <p>One pass, no regular expressions: a candidate is read from its {@code [[} to the next bracket, bar or line
 * break, so no character is looked at more than a few times however the brackets are arranged.
 */
final class WikiLinkParser implements PostProcessor {
    private final Predicate<String> isPage;
    private final WikiLinkOrder order;

    /**
     * @param isPage whether a target names a valid page; anything else stays text
     * @param order which half of {@code [[a|b]]} names the page; in {@link WikiLinkOrder#LABEL_FIRST} the page is
     *     after the last bar ({@code [[A|B|C]]} links to C with the label {@code A|B}); a label with inline markup
     *     closes in a later sibling, whose last part names the page
     */
    WikiLinkParser(Predicate<String> isPage, WikiLinkOrder order) {
        this.isPage = isPage;
        this.order = order;
    }

    @Override
    public Node process(Node document) {
        walk(document);
        return document;
    }

    private void walk(Node parent) {
        Node node = parent.getFirstChild();
        while (node != null) {
            Deadline.checkCurrent();
            if (node instanceof Text text) {
                node = linkify(text);
            } else {
                // No links inside links: an <a> in an <a> is invalid HTML.
                if (!(node instanceof Link || node instanceof Image)) {
                    walk(node);
                }
                node = node.getNext();
            }
        }
    }

    /** A candidate found in a literal: where it starts and ends, its target and label (null: the target is shown). */
    private record Candidate(int start, int end, int targetStart, String target, String label, boolean open) {
    }

    /** Replaces the links in one text node; returns the node to continue with. */
    private Node linkify(Text text) {
        String literal = text.getLiteral();
        List<Node> replacement = new ArrayList<>();
        int done = 0;
        Candidate spanning = null;
        int from = literal.indexOf("[[");
        while (from >= 0) {
            Candidate candidate = order == WikiLinkOrder.LABEL_FIRST ? readLabelFirst(literal, from)
                    : read(literal, from);
            WikiLink link = candidate == null || candidate.target() == null ? null : link(candidate, text);
            if (candidate != null && candidate.open() && candidate.target() == null) {
                spanning = candidate; // a label-first label running on: its page is named where it closes
                break;
            }
            if (link != null && !candidate.open()) {
                addText(replacement, literal.substring(done, candidate.start()));
                String label = candidate.label() == null || candidate.label().isBlank() ? candidate.target()
                        : candidate.label();
                link.appendChild(new Text(label.strip()));
                replacement.add(link);
                done = candidate.end();
                from = literal.indexOf("[[", done);
            } else {
                if (link != null) {
                    spanning = candidate; // an open label runs to the end of the literal: nothing after it to scan
                    break;
                }
                from = literal.indexOf("[[", from + 1);
            }
        }
        Node next = text.getNext();
        Text closing = spanning == null ? null : closingSibling(text, spanning.target() == null);
        if (closing == null) {
            if (replacement.isEmpty()) {
                return next;
            }
            addText(replacement, literal.substring(done));
        } else {
            String closingText = closing.getLiteral();
            int end = closingText.indexOf("]]");
            // Where labels come first the page is the closing text's last part; made before the closing node changes.
            int bar = spanning.target() == null ? closingText.lastIndexOf('|', end) : -1;
            WikiLink link = bar < 0 ? link(spanning, text)
                    : link(closingText.substring(bar + 1, end), bar + 1, closing);
            addText(replacement, literal.substring(done, spanning.start()));
            addText(link, spanning.label().stripLeading());
            for (Node n = text.getNext(); n != closing; ) {
                Node following = n.getNext();
                link.appendChild(n);
                n = following;
            }
            addText(link, closingText.substring(0, bar < 0 ? end : bar).stripTrailing());
            replacement.add(link);
            // The rest of the closing node may hold more links: it is visited next.
            String after = closingText.substring(end + 2);
            next = after.isEmpty() ? closing.getNext() : closing;
            if (after.isEmpty()) {
                closing.unlink();
            } else {
                List<SourceSpan> spans = closing.getSourceSpans();
                boolean oneToOne = spans.size() == 1 && spans.get(0).getLength() == closingText.length();
                closing.setLiteral(after);
                // The rest keeps its place in the source only while the source spells it character for character.
                closing.setSourceSpans(oneToOne ? List.of(spans.get(0).subSpan(end + 2)) : List.of());
            }
        }
        for (Node n : replacement) {
            text.insertBefore(n);
        }
        text.unlink();
        return next;
    }

    /**
     * The candidate starting at {@code [[} at {@code start}: closed ({@code ]]} found), open (a label that runs to
     * the end of the literal, which may close in a later sibling), or null.
     */
    private static Candidate read(String literal, int start) {
        int i = start + 2;
        int n = literal.length();
        while (i < n && "[]|\n".indexOf(literal.charAt(i)) < 0) {
            i++;
        }
        if (i == start + 2 || i == n) {
            return null;
        }
        String target = literal.substring(start + 2, i);
        if (literal.charAt(i) == ']') {
            return i + 1 < n && literal.charAt(i + 1) == ']'
                    ? new Candidate(start, i + 2, start + 2, target, null, false) : null;
        }
        if (literal.charAt(i) != '|') {
            return null;
        }
        int labelStart = i + 1;
        int j = labelStart;
        while (j < n && "[]\n".indexOf(literal.charAt(j)) < 0) {
            j++;
        }
        if (j == n) {
            return new Candidate(start, n, start + 2, target, literal.substring(labelStart), true);
        }
        if (literal.charAt(j) == ']' && j + 1 < n && literal.charAt(j + 1) == ']') {
            return new Candidate(start, j + 2, start + 2, target, literal.substring(labelStart, j), false);
        }
        return null;
    }

    /**
     * The candidate {@code [[label|target]]} starting at {@code start}: closed within the literal (read to the first
     * bracket or line break, the target after the last bar), open (a label running to the end of the literal, with
     * no target yet: the sibling that closes it names the page), or null.
     */
    private static Candidate readLabelFirst(String literal, int start) {
        int i = start + 2;
        int n = literal.length();
        int bar = -1;
        while (i < n && "[]\n".indexOf(literal.charAt(i)) < 0) {
            if (literal.charAt(i) == '|') {
                bar = i;
            }
            i++;
        }
        if (i == n) {
            return new Candidate(start, n, -1, null, literal.substring(start + 2), true);
        }
        if (i == start + 2 || i + 1 >= n || literal.charAt(i) != ']' || literal.charAt(i + 1) != ']') {
            return null;
        }
        if (bar < 0) {
            return new Candidate(start, i + 2, start + 2, literal.substring(start + 2, i), null, false);
        }
        return new Candidate(start, i + 2, bar + 1, literal.substring(bar + 1, i), literal.substring(start + 2, bar),
                false);
    }

    /** Whether a literal starts with a label's end: text without brackets or line breaks, then {@code ]]}. */
    private static boolean closesLabel(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == ']') {
                return i + 1 < literal.length() && literal.charAt(i + 1) == ']';
            }
            if (c == '[' || c == '\n') {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether a literal ends a label-first link: text without brackets or line breaks holding a bar, then
     * {@code ]]}, the part after the last bar naming a valid page.
     */
    private boolean closesLabelFirst(String literal) {
        int bar = -1;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '|') {
                bar = i;
            } else if (c == ']') {
                return bar >= 0 && i + 1 < literal.length() && literal.charAt(i + 1) == ']'
                        && isPage.test(pageOf(literal.substring(bar + 1, i)));
            } else if (c == '[' || c == '\n') {
                return false;
            }
        }
        return false;
    }

    /** The page a raw target such as {@code " Page #Section "} names: before {@code #}, stripped. */
    private static String pageOf(String target) {
        int hash = target.indexOf('#');
        return (hash < 0 ? target : target.substring(0, hash)).strip();
    }

    /**
     * The text node that closes a label started in {@code start}, if only inline markup without brackets or line
     * breaks lies between them.
     */
    private Text closingSibling(Text start, boolean labelFirst) {
        for (Node n = start.getNext(); n != null; n = n.getNext()) {
            Deadline.checkCurrent();
            if (n instanceof Text text && (labelFirst ? closesLabelFirst(text.getLiteral())
                    : closesLabel(text.getLiteral()))) {
                return text;
            }
            boolean markup = n instanceof Text || n instanceof Emphasis || n instanceof StrongEmphasis
                    || n instanceof Strikethrough || n instanceof Code || n instanceof HtmlInline;
            if (!markup || hasBracket(n)) {
                return null;
            }
        }
        return null;
    }

    private static boolean hasBracket(Node markup) {
        boolean[] found = {false};
        markup.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                found[0] |= text.getLiteral().indexOf('[') >= 0 || text.getLiteral().indexOf(']') >= 0
                        || text.getLiteral().indexOf('\n') >= 0;
            }

            @Override
            public void visit(Link link) {
                found[0] = true;
            }

            @Override
            public void visit(Image image) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /**
     * The link for a candidate's raw target such as {@code " Page #Section "}, or null if it does not name a valid
     * page; with where its page name sits in the text node, when the parser keeps inline positions.
     */
    private WikiLink link(Candidate candidate, Text text) {
        return link(candidate.target(), candidate.targetStart(), text);
    }

    /** The link for a raw target written at {@code targetStart} in {@code text}'s literal, or null. */
    private WikiLink link(String target, int targetStart, Text text) {
        int hash = target.indexOf('#');
        String raw = hash < 0 ? target : target.substring(0, hash);
        String page = raw.strip();
        if (!isPage.test(page)) {
            return null;
        }
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        List<SourceSpan> spans = text.getSourceSpans();
        WikiLink.Spelling spelling = spans.size() != 1 ? null : new WikiLink.Spelling(text.getLiteral(),
                targetStart + leadingWhitespace(raw), spans.get(0).getInputIndex(),
                spans.get(0).getLength());
        return new WikiLink(page, anchor, spelling);
    }

    /** How many characters {@link String#strip()} removes from the start. */
    private static int leadingWhitespace(String raw) {
        int i = 0;
        while (i < raw.length()) {
            int codePoint = raw.codePointAt(i);
            if (!Character.isWhitespace(codePoint)) {
                break;
            }
            i += Character.charCount(codePoint);
        }
        return i;
    }

    private static void addText(List<Node> nodes, String literal) {
        if (!literal.isEmpty()) {
            nodes.add(new Text(literal));
        }
    }

    private static void addText(Node parent, String literal) {
        if (!literal.isEmpty()) {
            parent.appendChild(new Text(literal));
        }
    }
}
