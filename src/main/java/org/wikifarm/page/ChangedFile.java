package org.wikifarm.page;

import java.util.Objects;

/** One page a change touched, and how; {@code oldPath} is set only for a rename. */
public record ChangedFile(PagePath path, Kind kind, PagePath oldPath) {
    /** What happened to the page. */
    public enum Kind { ADDED, MODIFIED, DELETED, RENAMED }

    public ChangedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.RENAMED) != (oldPath != null)) {
            throw new IllegalArgumentException("oldPath is required for a rename and only for a rename");
        }
    }

    public static ChangedFile of(PagePath path, Kind kind) {
        return new ChangedFile(path, kind, null);
    }

    public static ChangedFile renamed(PagePath oldPath, PagePath path) {
        return new ChangedFile(path, Kind.RENAMED, oldPath);
    }
}
