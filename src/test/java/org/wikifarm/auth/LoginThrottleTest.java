package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.store.MovableClock;

class LoginThrottleTest {
    private static final String ADDRESS = "203.0.113.7";

    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, LoginThrottle::isLoopback);

    @Test
    void fourFailuresAreFineAndTheFifthLocksTheAccountForAMinute() {
        failTimes("alice", ADDRESS, 4);
        assertThatCode(() -> throttle.check("alice", ADDRESS)).doesNotThrowAnyException();

        throttle.failed("alice", ADDRESS);

        assertThat(refusal("alice", ADDRESS).retryAfterSeconds()).isEqualTo(60);
        clock.advance(Duration.ofSeconds(59));
        assertThat(refusal("alice", ADDRESS).retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("alice", ADDRESS)).doesNotThrowAnyException();
    }

    @Test
    void theRefusalIsA429WithAReadableMessage() {
        failTimes("alice", ADDRESS, 5);

        TooManyAttemptsException refused = refusal("alice", ADDRESS);

        assertThat(ErrorStatus.of(refused)).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("too_many_attempts");
        assertThat(refused.getMessage()).isEqualTo("Too many failed sign-ins; try again in 1 minute.");
    }

    @Test
    void theLockIsPerAccountAndRefusingDoesNotExtendIt() {
        failTimes("alice", ADDRESS, 5);

        assertThatCode(() -> throttle.check("bob", ADDRESS)).doesNotThrowAnyException();
        for (int i = 0; i < 10; i++) {
            refusal("alice", "198.51.100." + i);
        }
        clock.advance(Duration.ofMinutes(1));
        assertThatCode(() -> throttle.check("alice", ADDRESS)).doesNotThrowAnyException();
    }

    @Test
    void everyFurtherFailureDoublesTheDelayUpToFifteenMinutes() {
        failTimes("alice", ADDRESS, 5);
        List<Long> delays = new ArrayList<>();
        delays.add(refusal("alice", ADDRESS).retryAfterSeconds());
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(delays.get(delays.size() - 1)));
            throttle.check("alice", ADDRESS);
            throttle.failed("alice", ADDRESS);
            delays.add(refusal("alice", ADDRESS).retryAfterSeconds());
        }

        assertThat(delays).containsExactly(60L, 120L, 240L, 480L, 900L, 900L, 900L);
        assertThat(refusal("alice", ADDRESS).getMessage())
                .isEqualTo("Too many failed sign-ins; try again in 15 minutes.");
    }

    @Test
    void failuresOlderThanFifteenMinutesDoNotCount() {
        failTimes("alice", ADDRESS, 4);
        clock.advance(Duration.ofMinutes(15));

        throttle.failed("alice", ADDRESS);

        assertThatCode(() -> throttle.check("alice", ADDRESS)).doesNotThrowAnyException();
    }

    @Test
    void fiveFailuresSpreadOverLessThanFifteenMinutesStillLock() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("alice", ADDRESS);
            clock.advance(Duration.ofMinutes(3));
        }
        clock.advance(Duration.ofMinutes(-3));

        assertThat(refusal("alice", ADDRESS).retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void aQuietWindowAfterTheLastLockStartsAfresh() {
        failTimes("alice", ADDRESS, 5);
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("alice", ADDRESS);
        assertThat(refusal("alice", ADDRESS).retryAfterSeconds()).isEqualTo(120);

        clock.advance(Duration.ofMinutes(2).plus(Duration.ofMinutes(15)));
        failTimes("alice", ADDRESS, 4);

        assertThatCode(() -> throttle.check("alice", ADDRESS)).doesNotThrowAnyException();
        throttle.failed("alice", ADDRESS);
        assertThat(refusal("alice", ADDRESS).retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void aSuccessClearsTheAccountsCount() {
        failTimes("alice", ADDRESS, 4);

        throttle.succeeded("alice", ADDRESS);
        failTimes("alice", ADDRESS, 4);

        assertThatCode(() -> throttle.check("alice", ADDRESS)).doesNotThrowAnyException();
        assertThat(throttle.trackedAccounts()).isEqualTo(1);
        throttle.succeeded("alice");
        assertThat(throttle.trackedAccounts()).isZero();
    }

    @Test
    void accountNamesAreCountedWhateverTheirCase() {
        failTimes("Alice", ADDRESS, 3);
        failTimes(" alice ", ADDRESS, 2);

        refusal("alice", ADDRESS);
    }

    @Test
    void twentyFailuresFromOneAddressLockThatAddressForEveryAccount() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i, ADDRESS);
        }
        assertThatCode(() -> throttle.check("someone", ADDRESS)).doesNotThrowAnyException();

        throttle.failed("user19", ADDRESS);

        assertThat(refusal("someone", ADDRESS).retryAfterSeconds()).isEqualTo(60);
        assertThat(refusal(null, ADDRESS).retryAfterSeconds()).isEqualTo(60);
        assertThatCode(() -> throttle.check("someone", "198.51.100.1")).doesNotThrowAnyException();
        // A success does not clear an address: a guesser who knows one password keeps guessing others' slowly.
        clock.advance(Duration.ofMinutes(1));
        throttle.succeeded("someone", ADDRESS);
        throttle.failed("user20", ADDRESS);
        assertThat(refusal("someone", ADDRESS).retryAfterSeconds()).isEqualTo(120);
    }

    @Test
    void loopbackPeersAreProxiesAndNotCountedPerAddress() {
        for (String loopback : List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1")) {
            for (int i = 0; i < 30; i++) {
                throttle.failed("user" + i, loopback);
            }
            assertThatCode(() -> throttle.check("someone", loopback)).doesNotThrowAnyException();
        }
        assertThat(throttle.trackedAddresses()).isZero();
        // The accounts behind the proxy are still counted.
        failTimes("alice", "127.0.0.1", 5);
        refusal("alice", "127.0.0.1");
    }

    @Test
    void recognisesLoopbackWithoutLookingAnythingUp() {
        assertThat(LoginThrottle.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoginThrottle.isLoopback("127.1.2.3")).isTrue();
        assertThat(LoginThrottle.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(LoginThrottle.isLoopback("::ffff:127.0.0.1")).isTrue();
        assertThat(LoginThrottle.isLoopback("10.0.0.1")).isFalse();
        assertThat(LoginThrottle.isLoopback("128.0.0.1")).isFalse();
        assertThat(LoginThrottle.isLoopback("2001:db8::1")).isFalse();
        assertThat(LoginThrottle.isLoopback("localhost")).isFalse();
    }

    @Test
    void anotherProxyListCanBeGiven() {
        LoginThrottle behindBalancer = new LoginThrottle(clock, address -> address.equals("10.0.0.5"));
        for (int i = 0; i < 30; i++) {
            behindBalancer.failed("user" + i, "10.0.0.5");
        }
        assertThatCode(() -> behindBalancer.check("someone", "10.0.0.5")).doesNotThrowAnyException();
    }

    @Test
    void guessesThatWereInFlightWhenTheLockStartedLearnNothing() {
        // Seven parallel guesses all pass the check before any of them has failed.
        for (int i = 0; i < 7; i++) {
            throttle.check("alice", ADDRESS);
        }
        failTimes("alice", ADDRESS, 5);

        TooManyAttemptsException sixth = catchThrowableOfType(TooManyAttemptsException.class,
                () -> throttle.failed("alice", ADDRESS));
        TooManyAttemptsException rightPassword = catchThrowableOfType(TooManyAttemptsException.class,
                () -> throttle.succeeded("alice", ADDRESS));

        assertThat(sixth).as("a wrong guess finishing during the lock").isNotNull();
        assertThat(rightPassword).as("a right guess finishing during the lock").isNotNull();
        assertThat(sixth.retryAfterSeconds()).isEqualTo(120);
        refusal("alice", ADDRESS);
    }

    @Test
    void missingUsernameOrAddressIsTolerated() {
        assertThatCode(() -> {
            throttle.check(null, null);
            throttle.failed(null, null);
            throttle.failed("", " ");
            throttle.succeeded(null);
        }).doesNotThrowAnyException();
        assertThat(throttle.trackedAccounts()).isZero();
        assertThat(throttle.trackedAddresses()).isZero();
    }

    @Test
    void memoryIsBoundedByDroppingTheLeastRecentlyUsedKeys() {
        LoginThrottle small = new LoginThrottle(clock, LoginThrottle::isLoopback, 3);
        for (int i = 0; i < 5; i++) {
            small.failed("oldest", "198.51.100.1");
        }
        small.failed("b", "198.51.100.2");
        small.failed("c", "198.51.100.3");
        catchThrowableOfType(TooManyAttemptsException.class, () -> small.check("oldest", null));

        small.failed("d", "198.51.100.4");
        small.failed("e", "198.51.100.5");

        assertThat(small.trackedAccounts()).isEqualTo(3);
        assertThat(small.trackedAddresses()).isEqualTo(3);
        // The check made "oldest" more recently used than b and c, so b and c went first; "oldest" goes next.
        small.failed("f", "198.51.100.6");
        assertThatCode(() -> small.check("oldest", null)).doesNotThrowAnyException();
    }

    @Test
    void longUsernamesCostNoMoreThanShortOnes() {
        String huge = "x".repeat(1_000_000);
        failTimes(huge, ADDRESS, 5);

        refusal(huge + "different tail", ADDRESS);
    }

    @Test
    void countsExactlyUnderConcurrency() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            CyclicBarrier sprayed = new CyclicBarrier(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        failedMaybeLocked("spray" + thread + "-" + i, "198.51.100." + (i % 200));
                        throttle.check("spray" + thread + "-" + i, null);
                    }
                    sprayed.await();
                    failedMaybeLocked("shared", null);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(throttle.trackedAccounts()).isEqualTo(LoginThrottle.MAX_KEYS);
        assertThat(throttle.trackedAddresses()).isEqualTo(200);
        // 8 concurrent failures of one account: the 5th locked it and the next three doubled the lock.
        assertThat(refusal("shared", null).retryAfterSeconds()).isEqualTo(480);
    }

    private void failTimes(String username, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.check(username, address);
            throttle.failed(username, address);
        }
    }

    /** A failure recorded while its account or address is already locked is answered with a refusal. */
    private void failedMaybeLocked(String username, String address) {
        try {
            throttle.failed(username, address);
        } catch (TooManyAttemptsException alreadyLocked) {
            // counted all the same
        }
    }

    private TooManyAttemptsException refusal(String username, String address) {
        TooManyAttemptsException refused = catchThrowableOfType(TooManyAttemptsException.class,
                () -> throttle.check(username, address));
        assertThat(refused).as("%s from %s is refused", username, address).isNotNull();
        return refused;
    }
}
