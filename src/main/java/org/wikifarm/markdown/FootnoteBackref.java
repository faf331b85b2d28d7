package org.wikifarm.markdown;

import org.commonmark.node.CustomNode;

/** The link from the end of a footnote's text back to its first reference. */
public final class FootnoteBackref extends CustomNode {
    private final int number;

    FootnoteBackref(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
