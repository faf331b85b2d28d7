package org.wikifarm.auth;

/** What an identity may do on a wiki. */
public enum Permission {
    READ("read"), WRITE("write"), UPLOAD("upload attachments to"), ADMIN("administer");

    private final String verb;

    Permission(String verb) {
        this.verb = verb;
    }

    /** For messages: "You may not write this wiki." */
    public String verb() {
        return verb;
    }
}
