package org.wikifarm.render;

/** One entry of a page's table of contents: a heading's level (1–6), its plain text and its anchor id. */
public record Heading(int level, String text, String id) {
}
