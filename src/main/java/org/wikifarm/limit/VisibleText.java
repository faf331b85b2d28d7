package org.wikifarm.limit;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What text people name things with may contain: every character must show. Format characters (Unicode category
 * Cf: the bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, the marks U+200E/U+200F/U+061C,
 * zero-width spaces and joiners U+200B–U+200D, U+2060–U+2064, the byte-order mark U+FEFF, the soft hyphen U+00AD,
 * tag characters…), line and paragraph separators, controls and the invisible "filler" letters make two names that
 * look the same differ, or make a name look like another one. One linear pass; no regular expression.
 */
public final class VisibleText {
    /** Letters and marks that render as nothing although their category is not Cf. */
    private static final Set<Integer> FILLERS = Set.of(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C,
            0x180D, 0x180E, 0x180F, 0x2800, 0x3164, 0xFFA0);

    private VisibleText() {
    }

    /**
     * A character that does not show, and where it is.
     *
     * @param position  1-based, counted in characters as a person counts them (code points)
     * @param codePoint the character
     */
    public record Hidden(int position, int codePoint) {
        /** {@code U+202E (RIGHT-TO-LEFT OVERRIDE)}. */
        public String describe() {
            String name = Character.getName(codePoint);
            return String.format(Locale.ROOT, "U+%04X", codePoint) + (name == null ? "" : " (" + name + ")");
        }
    }

    /** The first control, format, separator or filler character of {@code text}, if any. */
    public static Optional<Hidden> firstHidden(String text) {
        int position = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            position++;
            if (isHidden(codePoint)) {
                return Optional.of(new Hidden(position, codePoint));
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    /** Whether the character does not show: a control, format character, line/paragraph separator or filler. */
    public static boolean isHidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> FILLERS.contains(codePoint);
        };
    }

    /** {@code text} without its hidden characters (for values we must accept, such as a proxy's headers). */
    public static String withoutHidden(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(codePoint -> !isHidden(codePoint)).forEach(out::appendCodePoint);
        return out.toString();
    }
}
