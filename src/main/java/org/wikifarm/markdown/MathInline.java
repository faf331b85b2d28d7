package org.wikifarm.markdown;

import org.commonmark.node.CustomNode;

/** Inline math, {@code $x^2$}: its TeX source as written (no Markdown escapes applied), shown by the browser. */
public final class MathInline extends CustomNode {
    private final String tex;

    MathInline(String tex) {
        this.tex = tex;
    }

    public String tex() {
        return tex;
    }
}
