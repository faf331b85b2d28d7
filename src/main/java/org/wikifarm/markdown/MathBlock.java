package org.wikifarm.markdown;

import org.commonmark.node.CustomBlock;

/**
 * Display math: lines between {@code $$} and {@code $$} (or {@code $$ x $$} on one line), or a fenced code block
 * whose info is {@code math}. Holds the TeX source as written.
 */
public final class MathBlock extends CustomBlock {
    private String tex = "";

    MathBlock() {
    }

    MathBlock(String tex) {
        this.tex = tex;
    }

    void setTex(String tex) {
        this.tex = tex;
    }

    public String tex() {
        return tex;
    }
}
