package org.wikifarm.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.app.TestFarm;
import org.wikifarm.mcp.SessionBinding.Owner;
import org.wikifarm.mcp.SessionBinding.Use;
import org.wikifarm.store.TenantId;

class SessionBindingTest {
    private static final int PER_TOKEN = 3;
    private static final int MAX = 6;
    private static final int IDLE_MINUTES = 30;

    private final MutableClock clock = new MutableClock();
    private final SessionBinding sessions = new SessionBinding(clock,
            TestFarm.limits().mcpSessions(PER_TOKEN, MAX, IDLE_MINUTES).build());
    private final Owner alice = new Owner(new TenantId("aaaaaaaaaaaa"), "t1");
    private final Owner bob = new Owner(new TenantId("bbbbbbbbbbbb"), "t2");
    private final Owner carol = new Owner(new TenantId("cccccccccccc"), "t3");
    private int made;

    /** Admits and binds a new session of {@code owner}, one second after the last; returns what had to end for it. */
    private List<String> open(Owner owner, String id) {
        clock.advance(Duration.ofSeconds(1));
        List<String> ended = sessions.admit(owner).toEnd();
        sessions.bind(id, owner);
        made++;
        return ended;
    }

    @Test
    void aSessionServesOnlyTheWikiAndTokenThatOpenedIt() {
        open(alice, "s1");
        assertThat(sessions.use("s1", alice)).isEqualTo(Use.ALLOWED);
        assertThat(sessions.use("s1", new Owner(new TenantId("bbbbbbbbbbbb"), "t1"))).isEqualTo(Use.REFUSED);
        assertThat(sessions.use("s1", new Owner(alice.wiki(), "t2"))).isEqualTo(Use.REFUSED);
        assertThat(sessions.use("unknown", alice)).isEqualTo(Use.REFUSED);
        assertThat(sessions.use("s1", alice)).as("a refused use does not end the session").isEqualTo(Use.ALLOWED);
        sessions.forget("s1");
        assertThat(sessions.use("s1", alice)).isEqualTo(Use.REFUSED);
    }

    @Test
    void aTokensNewSessionEndsItsLeastRecentlyUsedOneBeyondTheCap() {
        open(alice, "a1");
        open(alice, "a2");
        open(alice, "a3");
        clock.advance(Duration.ofSeconds(1));
        sessions.use("a1", alice);

        List<String> ended = open(alice, "a4");

        assertThat(ended).containsExactly("a2");
        assertThat(sessions.use("a2", alice)).isEqualTo(Use.REFUSED);
        assertThat(sessions.use("a1", alice)).isEqualTo(Use.ALLOWED);
        assertThat(sessions.size()).isEqualTo(PER_TOKEN);
    }

    @Test
    void anotherTokensSessionsAreNeverEndedForACap() {
        open(bob, "b1");
        for (int i = 0; i < 10; i++) {
            open(alice, "a" + i);
        }

        assertThat(sessions.use("b1", bob)).isEqualTo(Use.ALLOWED);
        assertThat(sessions.size()).isEqualTo(PER_TOKEN + 1);
    }

    @Test
    void aFullServerRefusesATokenWithoutSessionsAndSaysWhenToRetry() {
        open(alice, "a1");
        open(alice, "a2");
        open(alice, "a3");
        open(bob, "b1");
        open(bob, "b2");
        open(bob, "b3");

        SessionBinding.Full full = catchThrowableOfType(SessionBinding.Full.class, () -> sessions.admit(carol));

        assertThat(full.getMessage()).contains("6 MCP sessions");
        // a1 was used 6 seconds ago and expires 30 minutes after that use.
        assertThat(full.retryAfterSeconds()).isEqualTo(IDLE_MINUTES * 60 - 5);
        assertThat(sessions.size()).isEqualTo(MAX);
        // A token with sessions of its own makes room by ending its own oldest.
        assertThat(open(bob, "b4")).containsExactly("b1");
        assertThat(sessions.use("a1", alice)).isEqualTo(Use.ALLOWED);
    }

    @Test
    void placesBeingOpenedCountSoRacingInitializesCannotPassTheCap() {
        List<SessionBinding.Admission> admitted = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            admitted.add(sessions.admit(i % 2 == 0 ? alice : bob));
        }

        assertThat(catchThrowableOfType(SessionBinding.Full.class, () -> sessions.admit(carol))).isNotNull();
        assertThat(catchThrowableOfType(SessionBinding.Full.class, () -> sessions.admit(alice)).getMessage())
                .contains("already opening 3 sessions");
        sessions.release(alice);
        assertThat(sessions.admit(carol).toEnd()).isEmpty();
    }

    @Test
    void idleSessionsExpireAndAreEndedWhenUsedOrSwept() {
        open(alice, "busy");
        open(alice, "idle");
        clock.advance(Duration.ofMinutes(IDLE_MINUTES - 1));
        assertThat(sessions.use("busy", alice)).isEqualTo(Use.ALLOWED);
        clock.advance(Duration.ofMinutes(2));
        assertThat(sessions.use("busy", alice)).isEqualTo(Use.ALLOWED);
        assertThat(sessions.use("idle", alice)).as("idle for 31 minutes").isEqualTo(Use.EXPIRED);
        assertThat(sessions.use("idle", alice)).isEqualTo(Use.REFUSED);

        open(bob, "forgotten");
        clock.advance(Duration.ofMinutes(IDLE_MINUTES + 1));
        assertThat(open(carol, "new")).as("the sweep ends every idle session").containsExactlyInAnyOrder("busy",
                "forgotten");
        assertThat(sessions.size()).isEqualTo(1);
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
