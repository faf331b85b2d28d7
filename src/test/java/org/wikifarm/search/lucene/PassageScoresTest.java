package org.wikifarm.search.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class PassageScoresTest {
    @Test
    void scoresEveryPassageExactlyAsLucenesScorer() {
        Random random = new Random(15);
        PassageScorer lucene = new PassageScorer();
        String[] words = {"bread", "bake", "oven", "flour", "water", "salt", "yeast"};
        for (int run = 0; run < 2_000; run++) {
            Passage passage = new Passage();
            int start = random.nextInt(5_000);
            int length = 20 + random.nextInt(400);
            passage.setStartOffset(start);
            passage.setEndOffset(start + length);
            int matches = random.nextInt(30);
            for (int m = 0; m < matches; m++) {
                int at = start + random.nextInt(length - 5);
                // a new BytesRef each time, as the highlighter hands them over: equal bytes, other objects
                passage.addMatch(at, at + 4, new BytesRef(words[random.nextInt(words.length)]),
                        1 + random.nextInt(50));
            }
            int contentLength = start + length + random.nextInt(20_000);
            assertEquals(lucene.score(passage, contentLength), PassageScores.INSTANCE.score(passage, contentLength),
                    "passage " + run);
        }
    }

    @Test
    void aPassageWithoutMatchesScoresZero() {
        Passage passage = new Passage();
        passage.setStartOffset(0);
        passage.setEndOffset(10);
        assertEquals(0f, PassageScores.INSTANCE.score(passage, 100));
    }
}
