package org.wikifarm.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.WikiNodes;

class InFlightTest {
    private final InFlight inFlight = new InFlight();
    private final TenantId wiki = TenantId.generate();
    private final TenantId other = TenantId.generate();

    @Test
    void drainWaitsForTheRequestsThatBeganBeforeIt() throws Exception {
        WikiNodes.Ticket early = inFlight.begin(wiki);
        CountDownLatch draining = new CountDownLatch(1);
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            draining.countDown();
            try {
                return inFlight.drain(wiki, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        draining.await();
        Thread.sleep(100);
        assertThat(drained).as("an earlier request is still running").isNotDone();
        early.close();
        assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void laterRequestsAndOtherWikisAreNotWaitedFor() throws Exception {
        try (WikiNodes.Ticket elsewhere = inFlight.begin(other)) {
            assertThat(inFlight.drain(wiki, Duration.ofSeconds(5))).isTrue();
        }
        WikiNodes.Ticket early = inFlight.begin(wiki);
        early.close();
        early.close();
        assertThat(inFlight.drain(wiki, Duration.ofSeconds(5))).as("closing twice is harmless").isTrue();
    }

    @Test
    void aRequestThatNeverEndsMakesTheDrainGiveUp() throws Exception {
        try (WikiNodes.Ticket stuck = inFlight.begin(wiki)) {
            assertThat(inFlight.drain(wiki, Duration.ofMillis(200))).isFalse();
        }
    }
}
