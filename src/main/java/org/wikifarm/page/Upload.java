package org.wikifarm.page;

/** A file someone sends to attach to a page: the name they gave it and its bytes. */
public record Upload(String name, byte[] content) {
}
