package org.wikifarm.tenant;

/** A user's name as it appears in URLs ({@code /alice/notes}) and host names ({@code alice.example.org}). */
public record Username(String value) {
    public Username {
        NameRules.check("username", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
