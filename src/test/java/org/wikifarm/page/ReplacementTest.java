package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;

/** An edit by text: the old text must occur exactly once, found in time linear in both texts. */
class ReplacementTest {
    private static final PagePath HOME = new PagePath("Home");
    private static final String REVISION = "a".repeat(40);

    @Test
    void replacesTheOneOccurrence() {
        assertThat(new Replacement("two", "2").applyTo(HOME, REVISION, "one two three")).isEqualTo("one 2 three");
        assertThat(new Replacement("two ", "").applyTo(HOME, REVISION, "one two three")).isEqualTo("one three");
    }

    @Test
    void saysHowOftenTheTextOccursWhenNotOnce() {
        assertThatThrownBy(() -> new Replacement("four", "4").applyTo(HOME, REVISION, "one two"))
                .isInstanceOfSatisfying(TextMismatchException.class, e -> {
                    assertThat(e.occurrences()).isZero();
                    assertThat(e.code()).isEqualTo("text_not_found");
                    assertThat(e.getMessage()).contains("'Home'").contains(REVISION);
                });
        assertThatThrownBy(() -> new Replacement("two", "2").applyTo(HOME, REVISION, "one two two"))
                .isInstanceOfSatisfying(TextMismatchException.class, e -> {
                    assertThat(e.occurrences()).isEqualTo(2);
                    assertThat(e.code()).isEqualTo("text_not_unique");
                    assertThat(e.getMessage()).contains("occurs 2 times").contains("exactly once");
                });
    }

    @Test
    void anEmptyOldTextIsInvalid() {
        assertThatThrownBy(() -> new Replacement("", "x")).isInstanceOf(WikifarmException.InvalidInput.class);
        assertThatThrownBy(() -> new Replacement("x", null)).isInstanceOf(WikifarmException.InvalidInput.class);
    }

    @Test
    void countsOverlappingOccurrences() {
        assertThat(Replacement.find("aaa", "aa").count()).isEqualTo(2);
        assertThat(Replacement.find("one two two", "two").count()).isEqualTo(2);
        assertThat(Replacement.find("one", "two").count()).isZero();
    }

    @Test
    void theLinearSearchAgreesWithTheNaiveOne() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            String text = randomText(random, random.nextInt(40));
            String needle = randomText(random, 1 + random.nextInt(5));
            int count = 0;
            int first = -1;
            for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
                first = count++ == 0 ? at : first;
            }
            assertThat(Replacement.find(text, needle)).as("'%s' in '%s'", needle, text)
                    .isEqualTo(new Replacement.Found(count, first));
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(3)));
        }
        return text.toString();
    }
}
