package org.wikifarm.search;

/**
 * A piece of a page that gets its own vector. {@code breadcrumb} is {@code Page > H1 > H2}; the embedded text is the
 * breadcrumb then the chunk's words, so a chunk knows where it sits.
 */
public record Chunk(int ordinal, String breadcrumb, String text) {
    public String embeddedText() {
        return breadcrumb + "\n" + text;
    }
}
