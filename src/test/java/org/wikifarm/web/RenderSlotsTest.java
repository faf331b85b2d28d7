package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.render.Rendered;
import org.wikifarm.store.TenantId;

class RenderSlotsTest {
    private static final TenantId BUSY = new TenantId("aaaaaaaaaaaa");
    private static final TenantId OTHER = new TenantId("bbbbbbbbbbbb");
    private static final Rendered DONE = new Rendered("<p>x</p>", List.of(), true);

    @Test
    void oneWikiRendersAtMostItsShareAtOnceAndOthersAreNotHeldUp() throws Exception {
        RenderSlots slots = new RenderSlots(2);
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Rendered>> running = List.of(
                    threads.submit(() -> slots.of(BUSY).render(() -> hold(started, release))),
                    threads.submit(() -> slots.of(BUSY).render(() -> hold(started, release))));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(slots.running(BUSY)).isEqualTo(2);

            assertThatThrownBy(() -> slots.of(BUSY).render(() -> DONE))
                    .isInstanceOf(WikifarmException.TooManyRequests.class).hasMessageContaining("try again");
            assertThat(slots.of(OTHER).render(() -> DONE)).isSameAs(DONE);

            release.countDown();
            for (Future<Rendered> rendering : running) {
                assertThat(rendering.get(30, TimeUnit.SECONDS)).isSameAs(DONE);
            }
            assertThat(slots.running(BUSY)).isZero();
            assertThat(slots.of(BUSY).render(() -> DONE)).as("room again once they finished").isSameAs(DONE);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedRenderingGivesItsSlotBack() {
        RenderSlots slots = new RenderSlots(1);
        assertThatThrownBy(() -> slots.of(BUSY).render(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(slots.running(BUSY)).isZero();
    }

    private static Rendered hold(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DONE;
    }
}
