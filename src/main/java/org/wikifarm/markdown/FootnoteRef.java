package org.wikifarm.markdown;

import org.commonmark.node.CustomNode;

/**
 * A reference to a footnote, {@code [^label]}: the note's number and which reference to it this is (1 for the
 * first), so each reference gets an id of its own to return to. Ids are made from numbers only, never the label.
 */
public final class FootnoteRef extends CustomNode {
    private final int number;
    private final int occurrence;

    FootnoteRef(int number, int occurrence) {
        this.number = number;
        this.occurrence = occurrence;
    }

    public int number() {
        return number;
    }

    public int occurrence() {
        return occurrence;
    }
}
