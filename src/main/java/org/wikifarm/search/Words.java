package org.wikifarm.search;

import java.util.ArrayList;
import java.util.List;

/** Counting and cutting text by words (runs of non-space characters), each in one pass over the text. */
final class Words {
    private Words() {
    }

    static int count(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }

    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
            if (space && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
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

    /** The sentences of a paragraph: cut after {@code . ! ? …} where whitespace and then more text follow. */
    static List<String> sentences(String paragraph) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < paragraph.length()) {
            char c = paragraph.charAt(i);
            int spaceEnd = i + 1;
            while (spaceEnd < paragraph.length() && Character.isWhitespace(paragraph.charAt(spaceEnd))) {
                spaceEnd++;
            }
            if (".!?…".indexOf(c) >= 0 && spaceEnd > i + 1 && spaceEnd < paragraph.length()) {
                sentences.add(paragraph.substring(start, i + 1));
                start = spaceEnd;
                i = spaceEnd;
            } else {
                i++;
            }
        }
        sentences.add(paragraph.substring(start));
        return sentences;
    }
}
