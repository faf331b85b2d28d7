package org.wikifarm.page;

import java.util.Locale;
import java.util.regex.Pattern;
import org.wikifarm.error.WikifarmException.InvalidInput;

/** Checks revision ids from callers: full 40-hex commit ids only, so a short or symbolic name never resolves. */
public final class RevisionId {
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{40}");

    private RevisionId() {
    }

    /** The id in lowercase, or {@link InvalidInput} {@code invalid_revision}. */
    public static String check(String s) {
        String id = s == null ? "" : s.toLowerCase(Locale.ROOT);
        if (!FORMAT.matcher(id).matches()) {
            throw new InvalidInput("invalid_revision", "A revision is a 40-character hexadecimal commit id.");
        }
        return id;
    }
}
