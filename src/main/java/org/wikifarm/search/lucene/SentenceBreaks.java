package org.wikifarm.search.lucene;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Sentence boundaries for snippets, found by looking at two or three characters: after a line end, and after
 * {@code .}, {@code !} or {@code ?} and a space before a word. The JDK's rule-based sentence iterator was about a third of the
 * highlighter's time on long pages (docs/search.md, "Where the time goes"); this one is a plain linear scan from the
 * match outwards, and the page text it gets is plain text, so abbreviations ("e.g. this") are its only miscut.
 * Not thread-safe (the highlighter makes one per field and search).
 */
final class SentenceBreaks extends BreakIterator {
    private CharacterIterator text = new StringCharacterIterator("");
    private int current;

    @Override
    public int first() {
        current = text.getBeginIndex();
        return current;
    }

    @Override
    public int last() {
        current = text.getEndIndex();
        return current;
    }

    @Override
    public int next(int n) {
        int at = current;
        for (int i = 0; i < n && at != DONE; i++) {
            at = next();
        }
        for (int i = 0; i > n && at != DONE; i--) {
            at = previous();
        }
        return at;
    }

    @Override
    public int next() {
        int end = text.getEndIndex();
        if (current >= end) {
            return DONE;
        }
        int at = current + 1;
        while (at < end && !breaksAt(at)) {
            at++;
        }
        current = at;
        return current;
    }

    @Override
    public int previous() {
        int begin = text.getBeginIndex();
        if (current <= begin) {
            return DONE;
        }
        int at = current - 1;
        while (at > begin && !breaksAt(at)) {
            at--;
        }
        current = at;
        return current;
    }

    @Override
    public int following(int offset) {
        check(offset);
        current = offset;
        return next();
    }

    @Override
    public int preceding(int offset) {
        check(offset);
        current = offset;
        return previous();
    }

    @Override
    public int current() {
        return current;
    }

    @Override
    public CharacterIterator getText() {
        return text;
    }

    @Override
    public void setText(CharacterIterator newText) {
        text = newText;
        current = newText.getBeginIndex();
    }

    /**
     * A boundary strictly inside the text: after a line end, or after . ! ? and one space or tab when a word
     * follows (the space stays with the sentence it ends, as the JDK's iterator does it).
     */
    private boolean breaksAt(int at) {
        char before = text.setIndex(at - 1);
        if (before == '\n') {
            return true;
        }
        if ((before != ' ' && before != '\t') || at - 2 < text.getBeginIndex()) {
            return false;
        }
        char end = text.setIndex(at - 2);
        return (end == '.' || end == '!' || end == '?') && !Character.isWhitespace(text.setIndex(at));
    }

    private void check(int offset) {
        if (offset < text.getBeginIndex() || offset > text.getEndIndex()) {
            throw new IllegalArgumentException("offset " + offset + " is outside the text");
        }
    }
}
