package org.wikifarm.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A key's work past its slots waits its turn, in the order it came; past the waiting room it is refused at once, and
 * when its wait is over it is refused; other keys go on; a slot comes back however work ends.
 */
class WaitingSlotsTest {
    private static final Duration LONG = Duration.ofMinutes(1);
    private static final IntFunction<IllegalStateException> BUSY = most -> new IllegalStateException(most + " busy");

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aBurstWaitsItsTurnInTheOrderItCame() throws Exception {
        WaitingSlots<String> slots = new WaitingSlots<>(1, 3, LONG);
        CountDownLatch holding = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> slots.run("wiki", () -> await(holding, "first"), BUSY));
        awaitInside(slots, "wiki", 1);
        List<String> served = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = "waiter " + i;
            threads.submit(() -> slots.run("wiki", () -> served.add(name), BUSY));
            awaitWaiting(slots, "wiki", i); // in the queue before the next one comes
        }

        holding.countDown();

        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("first");
        awaitInside(slots, "wiki", 0);
        assertThat(served).containsExactly("waiter 1", "waiter 2", "waiter 3");
        assertThat(slots.keys()).isZero();
    }

    @Test
    void pastTheWaitingRoomWorkIsRefusedAtOnceWhileOtherKeysGoOn() throws Exception {
        WaitingSlots<String> slots = new WaitingSlots<>(1, 1, LONG);
        CountDownLatch holding = new CountDownLatch(1);
        threads.submit(() -> slots.run("wiki", () -> await(holding, "first"), BUSY));
        awaitInside(slots, "wiki", 1);
        Future<String> waiting = threads.submit(() -> slots.run("wiki", () -> "second", BUSY));
        awaitWaiting(slots, "wiki", 1);
        // Freed soon: a third that waited instead of being refused would get a slot and return.
        threads.submit(() -> {
            Thread.sleep(200);
            holding.countDown();
            return null;
        });

        assertThatThrownBy(() -> slots.run("wiki", () -> "third", BUSY)).hasMessage("1 busy");
        assertThat(slots.run("other", () -> "another wiki", BUSY)).isEqualTo("another wiki");
        assertThat(waiting.get(1, TimeUnit.MINUTES)).isEqualTo("second");
        awaitInside(slots, "wiki", 0);
    }

    @Test
    void workStillWaitingWhenItsTimeIsUpIsRefused() throws Exception {
        WaitingSlots<String> slots = new WaitingSlots<>(1, 5, Duration.ofMillis(50));
        CountDownLatch holding = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> slots.run("wiki", () -> await(holding, "first"), BUSY));
        awaitInside(slots, "wiki", 1);

        assertThatThrownBy(() -> slots.run("wiki", () -> "second", BUSY)).hasMessage("1 busy");
        assertThat(slots.inside("wiki")).isEqualTo(1);

        holding.countDown();
        assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("first");
        assertThat(slots.run("wiki", () -> "after", BUSY)).isEqualTo("after");
        assertThat(slots.keys()).isZero();
    }

    @Test
    void anInterruptedWaitIsRefusedAndKeepsItsFlag() throws Exception {
        WaitingSlots<String> slots = new WaitingSlots<>(1, 1, LONG);
        CountDownLatch holding = new CountDownLatch(1);
        threads.submit(() -> slots.run("wiki", () -> await(holding, "first"), BUSY));
        awaitInside(slots, "wiki", 1);
        Future<Boolean> interrupted = threads.submit(() -> {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> slots.run("wiki", () -> "second", BUSY)).hasMessage("1 busy");
            return Thread.currentThread().isInterrupted();
        });

        assertThat(interrupted.get(1, TimeUnit.MINUTES)).isTrue();
        holding.countDown();
        awaitInside(slots, "wiki", 0);
    }

    @Test
    void aSlotComesBackWhenWorkFails() {
        WaitingSlots<String> slots = new WaitingSlots<>(1, 0, Duration.ZERO);

        assertThatThrownBy(() -> slots.run("wiki", () -> {
            throw new IllegalArgumentException("failed");
        }, BUSY)).isInstanceOf(IllegalArgumentException.class);

        assertThat(slots.inside("wiki")).isZero();
        assertThat(slots.run("wiki", () -> slots.inside("wiki"), BUSY)).isEqualTo(1);
        assertThatThrownBy(() -> new WaitingSlots<String>(0, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String await(CountDownLatch latch, String result) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    /** Waits until the key has this much work inside (a guard against a hang, not a measure of speed). */
    private static void awaitInside(WaitingSlots<String> slots, String key, int inside) throws InterruptedException {
        awaitCount(() -> slots.inside(key), inside);
    }

    private static void awaitWaiting(WaitingSlots<String> slots, String key, int waiting) throws InterruptedException {
        awaitCount(() -> slots.waiting(key), waiting);
    }

    private static void awaitCount(java.util.function.IntSupplier count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (count.getAsInt() != expected) {
            assertThat(System.nanoTime()).as("waiting for " + expected).isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
