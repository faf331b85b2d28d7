package org.wikifarm.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.parser.PostProcessor;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Gives every heading an id unique within the page and collects the table of contents. The commonmark heading-anchor
 * extension is not published for 0.32.0, and we need the heading text for the table of contents anyway.
 *
 * <p>The id travels in a marker node prepended to the heading, because parsed nodes cannot carry attributes and the
 * renderer is shared between threads, so per-page state cannot live in it.
 */
final class HeadingAnchors implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {
    /** Used when a heading has no letters or digits at all (e.g. only punctuation or emoji). */
    static final String EMPTY_SLUG = "section";
    /** Long headings make long ids; a prefix this long still tells headings apart in practice. */
    static final int MAX_SLUG = 100;

    @Override
    public void extend(Parser.Builder parser) {
        parser.postProcessor(HeadingAnchors::assignIds);
    }

    @Override
    public void extend(HtmlRenderer.Builder renderer) {
        renderer.attributeProviderFactory(context -> (node, tagName, attributes) -> {
            if (node instanceof org.commonmark.node.Heading && node.getFirstChild() instanceof Anchor anchor) {
                attributes.put("id", anchor.id);
            }
        });
        // The marker itself renders as nothing.
        renderer.nodeRendererFactory(context -> new NodeRenderer() {
            @Override
            public Set<Class<? extends Node>> getNodeTypes() {
                return Set.of(Anchor.class);
            }

            @Override
            public void render(Node node) {
            }
        });
    }

    /** The headings of a parsed document in order; empty unless the document went through this extension. */
    static List<Heading> toc(Node document) {
        List<Heading> toc = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Heading heading) {
                if (heading.getFirstChild() instanceof Anchor anchor) {
                    toc.add(new Heading(heading.getLevel(), anchor.text, anchor.id));
                }
            }
        });
        return toc;
    }

    /**
     * GitHub-style: lower case, letters, digits, marks, '-' and '_' kept, whitespace becomes '-', the rest dropped.
     * Idempotent, so a wiki link anchor may name a heading either by its text or by its id.
     */
    static String slug(String text) {
        StringBuilder slug = new StringBuilder(text.length());
        text.strip().toLowerCase(Locale.ROOT).codePoints().takeWhile(c -> slug.length() < MAX_SLUG).forEach(c -> {
            if (Character.isLetterOrDigit(c) || isMark(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static Node assignIds(Node document) {
        Set<String> used = new HashSet<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Heading heading) {
                String text = plainText(heading);
                String base = slug(text);
                base = base.isEmpty() ? EMPTY_SLUG : base;
                String id = base;
                for (int n = 1; !used.add(id); n++) {
                    id = base + "-" + n;
                }
                heading.prependChild(new Anchor(id, text));
            }
        });
        return document;
    }

    private static String plainText(Node heading) {
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
        });
        return text.toString().strip();
    }

    /** The heading's id and plain text, as its first child. */
    static final class Anchor extends CustomNode {
        final String id;
        final String text;

        Anchor(String id, String text) {
            this.id = id;
            this.text = text;
        }
    }
}
