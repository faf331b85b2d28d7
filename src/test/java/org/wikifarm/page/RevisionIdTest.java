package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikifarm.error.WikifarmException.InvalidInput;

class RevisionIdTest {
    private static final String ID = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void acceptsFullIdsAndLowercasesThem() {
        assertThat(RevisionId.check(ID)).isEqualTo(ID);
        assertThat(RevisionId.check(ID.toUpperCase())).isEqualTo(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "HEAD", "main", "0123456", "0123456789abcdef0123456789abcdef0123456",
            "0123456789abcdef0123456789abcdef012345678", "g123456789abcdef0123456789abcdef01234567",
            "HEAD~1", " 0123456789abcdef0123456789abcdef01234567"})
    void rejectsAnythingElse(String value) {
        assertThatThrownBy(() -> RevisionId.check(value))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).code()).isEqualTo("invalid_revision");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> RevisionId.check(null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void staleRevisionMessageNamesBothRevisions() {
        StaleRevisionException e = new StaleRevisionException("a".repeat(40), "b".repeat(40));
        assertThat(e.code()).isEqualTo("stale_revision");
        assertThat(e.currentRevision()).isEqualTo("b".repeat(40));
        assertThat(e.getMessage()).isEqualTo("The page was changed since revision " + "a".repeat(40)
                + "; the current revision is " + "b".repeat(40) + ".");
        assertThat(new StaleRevisionException("a".repeat(40), null).currentRevision()).isNull();
    }
}
