package org.wikifarm.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Past its slots, a key's next work is refused at once; other keys go on; a slot comes back however work ends. */
class KeyedSlotsTest {
    @Test
    void aKeysWorkPastItsSlotsIsRefusedOtherKeysGoOnAndSlotsComeBack() {
        KeyedSlots<String> slots = new KeyedSlots<>(2);

        String inner = slots.run("one", () -> slots.run("one", () -> {
            assertThat(slots.running("one")).isEqualTo(2);
            assertThatThrownBy(() -> slots.run("one", () -> "third", most -> new IllegalStateException(most + " busy")))
                    .isInstanceOf(IllegalStateException.class).hasMessage("2 busy");
            return slots.run("other", () -> "other key", most -> new IllegalStateException());
        }, most -> new IllegalStateException()), most -> new IllegalStateException());

        assertThat(inner).isEqualTo("other key");
        assertThat(slots.running("one")).isZero();
        assertThatThrownBy(() -> slots.run("one", () -> {
            throw new IllegalArgumentException("failed");
        }, most -> new IllegalStateException())).isInstanceOf(IllegalArgumentException.class);
        assertThat(slots.running("one")).isZero();
    }

    @Test
    void takenByHandWhenWorkThrowsCheckedExceptions() {
        KeyedSlots<String> slots = new KeyedSlots<>(1);

        assertThat(slots.tryTake("wiki")).isZero();
        assertThat(slots.tryTake("wiki")).isEqualTo(-1);
        slots.release("wiki");
        assertThat(slots.tryTake("wiki")).isZero();
        slots.release("wiki");
        assertThat(slots.running("wiki")).isZero();
    }
}
