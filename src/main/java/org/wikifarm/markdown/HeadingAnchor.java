package org.wikifarm.markdown;

import org.commonmark.node.CustomNode;

/**
 * The first child of every heading after parsing: the heading's id, unique within the page, and its plain text. Parsed
 * nodes carry no attributes, and the renderer is shared between threads, so the id travels in the tree.
 */
public final class HeadingAnchor extends CustomNode {
    private final String id;
    private final String text;

    HeadingAnchor(String id, String text) {
        this.id = id;
        this.text = text;
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
    }
}
