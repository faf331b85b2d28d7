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

    WikiLink(String target, String anchor) {
        super("", null);
        this.target = target;
        this.anchor = anchor;
    }

    /** The page named, stripped of surrounding spaces; a valid page path by the grammar's rule. */
    public String target() {
        return target;
    }

    /** The text after {@code #} (a heading's text or id), or empty. */
    public String anchor() {
        return anchor;
    }
}
