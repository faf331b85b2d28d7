package org.wikifarm.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.wikifarm.store.FirstPage;

/**
 * The Home page a new wiki starts with, saying how to begin (write, link, search, invite, clone, the API and MCP):
 * the first commit of its repository, made in the same step as the wiki ({@link Wikis#create}), by "Wikifarm".
 */
final class FirstHome {
    static final String FILE = "Home.md";
    static final String AUTHOR = "Wikifarm";
    static final String MESSAGE = "A new wiki: Home says how to begin";
    private static final String TEXT = read();

    private FirstHome() {
    }

    static FirstPage at(Instant when) {
        return new FirstPage(FILE, TEXT, AUTHOR, "", MESSAGE, when);
    }

    private static String read() {
        try (InputStream in = FirstHome.class.getResourceAsStream("first-home.md")) {
            if (in == null) {
                throw new IllegalStateException("first-home.md is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
