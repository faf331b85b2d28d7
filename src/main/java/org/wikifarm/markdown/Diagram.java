package org.wikifarm.markdown;

import org.commonmark.node.CustomBlock;

/** A Mermaid diagram: a fenced code block whose info is {@code mermaid}, with its source as written. */
public final class Diagram extends CustomBlock {
    private final String source;

    Diagram(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }
}
