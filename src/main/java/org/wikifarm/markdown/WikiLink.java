package org.wikifarm.markdown;

import org.commonmark.node.Link;

/**
 * A wiki link {@code [[Page]]}, {@code [[Page|label]]} or {@code [[Page#anchor|label]]}: the label is its children.
 * It is a {@link Link} so other processors treat it as one (the autolinker leaves its label alone, no link is nested
 * in it); its destination stays empty, the renderer makes the href from {@link #target()} and {@link #anchor()}.
 */
public final class WikiLink extends Link {
    private final String target;
    private final String anchor;
    private final Spelling spelling;

    /**
     * Where the page name sits in the text node the link was found in, for {@link MarkdownDocument#wikiLinks()} to
     * find it in the source: the node's literal as parsed (escapes and entities decoded), the name's index in it,
     * and the source span the node covered. Null when the parser kept no inline positions.
     */
    record Spelling(String literal, int index, int spanStart, int spanLength) {
    }

    WikiLink(String target, String anchor, Spelling spelling) {
        super("", null);
        this.target = target;
        this.anchor = anchor;
        this.spelling = spelling;
    }

    /** The page named, stripped of surrounding spaces; a valid page path by the grammar's rule. */
    public String target() {
        return target;
    }

    /** The text after {@code #} (a heading's text or id), or empty. */
    public String anchor() {
        return anchor;
    }

    Spelling spelling() {
        return spelling;
    }
}
