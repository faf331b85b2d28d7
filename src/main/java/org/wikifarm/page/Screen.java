package org.wikifarm.page;

/** A screen's content and its {@link Sidebar}, read under one lease with one permission decision. */
public record Screen<T>(T content, Sidebar sidebar) {
}
