package org.wikifarm.limit;

/**
 * How many bytes a value takes once written as JSON, counted from above: a string's characters as UTF-8, quotes and
 * backslashes escaped, control characters and halves of surrogate pairs as six-byte escapes (a backslash, {@code u}
 * and four hex digits). Lists of stored data are cut to a byte budget with these counts before anything is written,
 * so no stored text can make an answer larger than its budget.
 */
public final class JsonSize {
    /** What a field adds besides its value: its name, quotes, colon and comma, for names up to 24 characters. */
    public static final int FIELD = 30;

    private JsonSize() {
    }

    /** The bytes of {@code text} as a JSON string, quotes included; 4 ({@code null}) for null. */
    public static long of(CharSequence text) {
        if (text == null) {
            return 4;
        }
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c)) {
                // Jackson writes each half of a surrogate pair (an emoji) as its own escape, like a control character.
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** A field holding a string: its name and value. */
    public static long field(CharSequence value) {
        return FIELD + of(value);
    }
}
