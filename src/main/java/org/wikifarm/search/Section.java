package org.wikifarm.search;

import java.util.List;

/**
 * A stretch of a page under one heading: the headings above it, outermost first ({@code [Goals, Risks]} for a
 * {@code ## Risks} under {@code # Goals}), and its text as plain paragraphs.
 */
public record Section(List<String> headings, List<String> paragraphs) {
    public Section {
        headings = List.copyOf(headings);
        paragraphs = List.copyOf(paragraphs);
    }

    public int words() {
        return paragraphs.stream().mapToInt(Words::count).sum();
    }
}
