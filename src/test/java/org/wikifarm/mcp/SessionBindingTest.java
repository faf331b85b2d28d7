package org.wikifarm.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.wikifarm.tenant.TenantId;

class SessionBindingTest {
    private final MutableClock clock = new MutableClock();
    private final SessionBinding sessions = new SessionBinding(clock);
    private final SessionBinding.Owner alice = new SessionBinding.Owner(new TenantId("aaaaaaaaaaaa"), "t1");

    @Test
    void aSessionServesOnlyTheWikiAndTokenThatOpenedIt() {
        sessions.bind("s1", alice);
        assertThat(sessions.permits("s1", alice)).isTrue();
        assertThat(sessions.permits("s1", new SessionBinding.Owner(new TenantId("bbbbbbbbbbbb"), "t1"))).isFalse();
        assertThat(sessions.permits("s1", new SessionBinding.Owner(alice.wiki(), "t2"))).isFalse();
        assertThat(sessions.permits("unknown", alice)).isFalse();
        assertThat(sessions.permits("s1", alice)).as("a refused use does not end the session").isTrue();
        sessions.forget("s1");
        assertThat(sessions.permits("s1", alice)).isFalse();
    }

    @Test
    void idleSessionsAreForgotten() {
        sessions.bind("busy", alice);
        sessions.bind("idle", alice);
        clock.advance(SessionBinding.IDLE.minusMinutes(1));
        assertThat(sessions.permits("busy", alice)).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(sessions.permits("busy", alice)).isTrue();
        assertThat(sessions.permits("idle", alice)).isFalse();

        sessions.bind("other", alice);
        clock.advance(SessionBinding.IDLE.plusMinutes(2));
        sessions.bind("new", alice);
        assertThat(sessions.size()).as("the sweep on bind dropped the idle ones").isEqualTo(1);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
