package org.wikifarm.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;
import org.wikifarm.page.PagePath;
import org.wikifarm.render.WikiLinkExtension.WikiLink;

/**
 * Finds wiki links in the parsed text, with the same grammar as {@link org.wikifarm.page.WikiLinks} (target without
 * {@code [ ] |} or line breaks, optional {@code |label} without {@code [ ]}, optional {@code #anchor} in the target),
 * so the rendered links and the link graph agree. Working on parsed Text nodes skips code spans, code blocks and
 * raw HTML for free. A label may hold inline markup ({@code [[Page|*new* plan]]}), which the parser has already
 * split into sibling nodes; the target must be plain text.
 */
final class WikiLinkParser implements PostProcessor {
    private static final Pattern WHOLE = Pattern.compile("\\[\\[([^\\[\\]|\\n]+)(?:\\|([^\\[\\]\\n]*))?]]");
    /** A link whose label continues in the next sibling nodes. */
    private static final Pattern OPENING = Pattern.compile("\\[\\[([^\\[\\]|\\n]+)\\|([^\\[\\]\\n]*)$");
    private static final Pattern CLOSING = Pattern.compile("^([^\\[\\]\\n]*)]]");

    @Override
    public Node process(Node document) {
        walk(document);
        return document;
    }

    private void walk(Node parent) {
        Node node = parent.getFirstChild();
        while (node != null) {
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

    /** Replaces the links in one text node; returns the node to continue with. */
    private Node linkify(Text text) {
        String literal = text.getLiteral();
        List<Node> replacement = new ArrayList<>();
        int done = 0;
        Matcher m = WHOLE.matcher(literal);
        while (m.find()) {
            WikiLink link = link(m.group(1));
            if (link != null) {
                addText(replacement, literal.substring(done, m.start()));
                String label = m.group(2) == null || m.group(2).isBlank() ? m.group(1) : m.group(2);
                link.appendChild(new Text(label.strip()));
                replacement.add(link);
                done = m.end();
            }
        }
        Node next = text.getNext();
        String rest = literal.substring(done);
        Matcher open = OPENING.matcher(rest);
        Text closing = open.find() ? closingSibling(text) : null;
        WikiLink spanning = closing == null ? null : link(open.group(1));
        if (spanning == null) {
            if (replacement.isEmpty()) {
                return next;
            }
            addText(replacement, rest);
        } else {
            addText(replacement, rest.substring(0, open.start()));
            addText(spanning, open.group(2).stripLeading());
            for (Node n = text.getNext(); n != closing; ) {
                Node following = n.getNext();
                spanning.appendChild(n);
                n = following;
            }
            Matcher close = CLOSING.matcher(closing.getLiteral());
            close.find();
            addText(spanning, close.group(1).stripTrailing());
            replacement.add(spanning);
            // The rest of the closing node may hold more links: it is visited next.
            String after = closing.getLiteral().substring(close.end());
            next = after.isEmpty() ? closing.getNext() : closing;
            if (after.isEmpty()) {
                closing.unlink();
            } else {
                closing.setLiteral(after);
            }
        }
        for (Node n : replacement) {
            text.insertBefore(n);
        }
        text.unlink();
        return next;
    }

    /**
     * The text node that closes a label started in {@code start}, if only inline markup without brackets or line
     * breaks lies between them.
     */
    private static Text closingSibling(Text start) {
        for (Node n = start.getNext(); n != null; n = n.getNext()) {
            if (n instanceof Text text && CLOSING.matcher(text.getLiteral()).find()) {
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
                found[0] |= text.getLiteral().indexOf('[') >= 0 || text.getLiteral().indexOf(']') >= 0;
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

    /** The link for a raw target such as {@code " Page #Section "}, or null if it does not name a valid page. */
    private static WikiLink link(String target) {
        int hash = target.indexOf('#');
        String page = (hash < 0 ? target : target.substring(0, hash)).strip();
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        return PagePath.isValid(page) ? new WikiLink(WikiHref.placeholder(new PagePath(page), anchor)) : null;
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
