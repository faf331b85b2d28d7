package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;

/** Past its number of blames at once, a wiki's next blame is refused; other wikis and later blames go on. */
class BlameSlotsTest {
    private static final TenantId ONE = TenantId.generate();
    private static final TenantId OTHER = TenantId.generate();

    @Test
    void aThirdBlameOfOneWikiAtOnceIsRefusedAndTheSlotsComeBack() {
        BlameSlots slots = new BlameSlots(2);

        String inner = slots.run(ONE, () -> slots.run(ONE, () -> {
            assertThatThrownBy(() -> slots.run(ONE, () -> "third"))
                    .isInstanceOf(WikifarmException.TooManyRequests.class)
                    .hasMessageContaining("2 blames at once");
            return slots.run(OTHER, () -> "other wiki");
        }));

        assertThat(inner).isEqualTo("other wiki");
        assertThat(slots.run(ONE, () -> slots.run(ONE, () -> "again"))).isEqualTo("again");
    }

    @Test
    void aFailedBlameGivesItsSlotBack() {
        BlameSlots slots = new BlameSlots(1);

        assertThatThrownBy(() -> slots.run(ONE, () -> {
            throw new PageNotFoundException(new PagePath("Gone"));
        })).isInstanceOf(PageNotFoundException.class);

        assertThat(slots.run(ONE, () -> "next")).isEqualTo("next");
    }
}
