package org.wikifarm.page;

import java.util.Objects;
import org.wikifarm.app.WikifarmException.InvalidInput;

/** The person a commit is recorded for, as author and committer. */
public record Author(String name, String email) {
    public Author {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        name = name.strip();
        email = email.strip();
        if (name.isEmpty()) {
            throw new InvalidInput("invalid_author", "An author needs a name.");
        }
        // Git writes "name <email>" into a header line: a newline or angle bracket would forge that header.
        if (unsafe(name) || unsafe(email)) {
            throw new InvalidInput("invalid_author", "An author's name and email may not contain '<', '>' or control characters.");
        }
    }

    private static boolean unsafe(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '<' || c == '>');
    }
}
