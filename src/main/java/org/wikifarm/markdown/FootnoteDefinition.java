package org.wikifarm.markdown;

import org.commonmark.node.CustomBlock;

/**
 * A footnote's text, {@code [^label]: text} (following lines indented by four spaces belong to it). After parsing,
 * the referenced ones sit in {@link Footnotes} at the end of the document, numbered in order of first reference.
 */
public final class FootnoteDefinition extends CustomBlock {
    private final String label;
    private int number;

    FootnoteDefinition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Its number, from 1, in order of first reference. */
    public int number() {
        return number;
    }

    void setNumber(int number) {
        this.number = number;
    }
}
