package org.wikifarm.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Counting and cutting text by words (runs of non-space characters). */
final class Words {
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Words() {
    }

    static int count(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : SPACE.split(stripped).length;
    }

    static List<String> split(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? List.of() : List.of(SPACE.split(stripped));
    }

    /** The last {@code n} words of {@code text}, joined by single spaces. */
    static String tail(String text, int n) {
        List<String> words = split(text);
        return String.join(" ", words.subList(Math.max(0, words.size() - n), words.size()));
    }

    /** Cuts a text that is too long for one chunk into pieces of at most {@code max} words. */
    static List<String> hardCut(String text, int max) {
        List<String> words = split(text);
        List<String> pieces = new ArrayList<>();
        for (int from = 0; from < words.size(); from += max) {
            pieces.add(String.join(" ", words.subList(from, Math.min(words.size(), from + max))));
        }
        return pieces;
    }
}
