package org.wikifarm.search.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceBreaksTest {
    private static List<Integer> forward(String text) {
        BreakIterator breaks = new SentenceBreaks();
        breaks.setText(text);
        List<Integer> found = new ArrayList<>();
        found.add(breaks.first());
        for (int at = breaks.next(); at != BreakIterator.DONE; at = breaks.next()) {
            found.add(at);
        }
        return found;
    }

    @Test
    void breaksAfterSentenceEndsAndTheirSpaceAndAfterLineEnds() {
        String text = "Bake it. Then cool it!\nServe 1.5 cups? Yes";
        // before "Then", after the line end (not also before it), before "Yes", and the end of the text
        assertEquals(List.of(0, 9, 23, 39, text.length()), forward(text));
    }

    @Test
    void aDotInsideAWordOrNumberIsNoBoundary() {
        String text = "version 1.5 of a.b";
        assertEquals(List.of(0, text.length()), forward(text));
    }

    @Test
    void followingAndPrecedingFindTheSentenceAroundAnOffset() {
        String text = "One two. Three four five. Six.";
        BreakIterator breaks = new SentenceBreaks();
        breaks.setText(text);
        int inSecond = text.indexOf("four");
        assertEquals(9, breaks.preceding(inSecond));
        assertEquals(26, breaks.following(inSecond));
        assertEquals(BreakIterator.DONE, breaks.following(text.length()));
        assertEquals(BreakIterator.DONE, breaks.preceding(0));
        assertEquals(0, breaks.preceding(5));
        assertEquals(text.length(), breaks.following(27));
    }

    @Test
    void walksBackwardsAsItWalksForwards() {
        String text = "A b. C d.\nE f";
        BreakIterator breaks = new SentenceBreaks();
        breaks.setText(text);
        List<Integer> back = new ArrayList<>();
        back.add(breaks.last());
        for (int at = breaks.previous(); at != BreakIterator.DONE; at = breaks.previous()) {
            back.add(0, at);
        }
        assertEquals(List.of(0, 5, 10, text.length()), back);
        assertEquals(forward(text), back);
    }

    @Test
    void refusesOffsetsOutsideTheText() {
        BreakIterator breaks = new SentenceBreaks();
        breaks.setText("abc");
        assertThrows(IllegalArgumentException.class, () -> breaks.following(4));
        assertThrows(IllegalArgumentException.class, () -> breaks.preceding(-1));
    }
}
