package org.wikifarm.limit;

/**
 * Measuring and cutting user text by characters (Unicode code points, so an emoji counts once and is never split in
 * half). Every method is one pass over the text.
 */
public final class Text {
    private Text() {
    }

    /** How many characters (code points) the text has. */
    public static int chars(CharSequence text) {
        return Character.codePointCount(text, 0, text.length());
    }

    /** The text's first {@code maxChars} characters, or the text itself when it is no longer. */
    public static String head(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = 0;
        for (int seen = 0; seen < maxChars && end < text.length(); seen++) {
            end += Character.charCount(text.codePointAt(end));
        }
        return text.substring(0, end);
    }

    /**
     * The index of the first control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F), or -1. With
     * {@code allowLineBreaks}, line feeds and tabs are not counted.
     */
    public static int controlAt(CharSequence text, boolean allowLineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(allowLineBreaks && (c == '\n' || c == '\t'))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first UTF-16 surrogate that is not half of a pair, or -1. Such text is not Unicode: encoded as
     * UTF-8 (for git, SQLite, a response) it silently becomes {@code ?}, so every door refuses it.
     */
    public static int loneSurrogateAt(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A character as people who read error messages can look it up: {@code U+0000}. */
    public static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
