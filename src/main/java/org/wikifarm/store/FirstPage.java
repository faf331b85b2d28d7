package org.wikifarm.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The page a new wiki's repository starts with, written as its first commit while the wiki is still being built
 * aside ({@link WikiFiles#create}), so a wiki never exists without it. {@code file} is the page's file in the
 * repository ({@code Home.md}).
 */
public record FirstPage(String file, String content, String author, String email, String message, Instant when) {
    public FirstPage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(when, "when");
    }
}
