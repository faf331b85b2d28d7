package org.wikifarm.page;

/** A file attached to a page, as a list shows it: its name, size in bytes and git blob id (which is its ETag). */
public record Attachment(String name, long bytes, String id) {
}
