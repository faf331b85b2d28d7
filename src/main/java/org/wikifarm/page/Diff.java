package org.wikifarm.page;

/** A unified diff of a page between two revisions, with the revisions it compares (defaults filled in). */
public record Diff(String from, String to, String diff) {
}
