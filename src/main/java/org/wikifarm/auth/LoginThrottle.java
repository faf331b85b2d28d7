package org.wikifarm.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Slows down password guessing on every sign-in path (the login form, HTTP Basic). Failures are counted per account
 * and, separately, per client address: {@value #ACCOUNT_LIMIT} failures for one account, or {@value #ADDRESS_LIMIT}
 * from one address, within 15 minutes lock that account or address for a minute, and every further failure locks
 * it again for twice as long, at most 15 minutes, until it has stayed quiet for 15 minutes after its last lock.
 * While locked, attempts are refused before any password is looked at. A success clears the account's count.
 *
 * <p>Callers go {@link #check} → verify the password → {@link #failed} or {@link #succeeded}. The last two throw
 * too when a lock started while the password was being verified: guesses sent in parallel all pass {@code check}
 * before the first failure is recorded, and answering them 429 instead of 401 (or refusing the success) means a
 * burst learns no more than {@value #ACCOUNT_LIMIT} answers, however many requests it sends at once.
 *
 * <p>Loopback peers are not counted per address: that is a reverse proxy on this machine, and everyone shares its
 * address. Accounts are counted whatever the address, and whether they exist or not, so a refusal says nothing about
 * which usernames exist. Memory only (a restart forgets) and bounded: each table keeps the {@value #MAX_KEYS} most
 * recently used keys. Thread-safe.
 */
public final class LoginThrottle {
    static final int ACCOUNT_LIMIT = 5;
    static final int ADDRESS_LIMIT = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration FIRST_DELAY = Duration.ofMinutes(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final int MAX_KEYS = 10_000;
    /** Usernames are at most 30 characters; a longer one cannot exist, so its tail does not matter. */
    private static final int MAX_KEY_LENGTH = 64;

    private final Clock clock;
    private final Predicate<String> sharedAddress;
    private final Counters accounts;
    private final Counters addresses;

    /** Wall-clock time; loopback addresses are proxies, not clients. */
    public LoginThrottle() {
        this(Clock.systemUTC(), LoginThrottle::isLoopback, MAX_KEYS);
    }

    /**
     * @param sharedAddress which peer addresses stand for many people (reverse proxies) and are not counted
     */
    public LoginThrottle(Clock clock, Predicate<String> sharedAddress) {
        this(clock, sharedAddress, MAX_KEYS);
    }

    LoginThrottle(Clock clock, Predicate<String> sharedAddress, int maxKeys) {
        this.clock = clock;
        this.sharedAddress = sharedAddress;
        this.accounts = new Counters(ACCOUNT_LIMIT, maxKeys);
        this.addresses = new Counters(ADDRESS_LIMIT, maxKeys);
    }

    /** Before verifying a password: throws while the account or the address is locked. Either may be null. */
    public void check(String username, String address) {
        refuseIfLocked(accountKey(username), addressKey(address), clock.instant());
    }

    /**
     * After a wrong password (or an unknown account): counts the failure. Throws if the account or address was
     * already locked, so the caller answers 429 rather than revealing that this guess was wrong.
     */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        String account = accountKey(username);
        String client = addressKey(address);
        Duration wait = max(accounts.lockedFor(account, now), addresses.lockedFor(client, now));
        accounts.failed(account, now);
        addresses.failed(client, now);
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(max(accounts.lockedFor(account, now),
                    addresses.lockedFor(client, now)));
        }
    }

    /**
     * After a right password: clears the account's count. Throws, clearing nothing, if the account or address was
     * locked meanwhile; the caller must then sign the subject out again and answer 429.
     */
    public void succeeded(String username, String address) {
        String account = accountKey(username);
        refuseIfLocked(account, addressKey(address), clock.instant());
        accounts.forget(account);
    }

    /** {@link #succeeded(String, String)} when the address is not known. */
    public void succeeded(String username) {
        succeeded(username, null);
    }

    /** Loopback in the forms Tomcat reports ({@code 127.0.0.1}, {@code 0:0:0:0:0:0:0:1}), without any lookup. */
    public static boolean isLoopback(String address) {
        String text = address.toLowerCase(Locale.ROOT);
        return text.startsWith("127.") || text.equals("::1") || text.equals("0:0:0:0:0:0:0:1")
                || text.startsWith("::ffff:127.") || text.startsWith("0:0:0:0:0:ffff:127.");
    }

    int trackedAccounts() {
        return accounts.size();
    }

    int trackedAddresses() {
        return addresses.size();
    }

    private void refuseIfLocked(String account, String client, Instant now) {
        Duration wait = max(accounts.lockedFor(account, now), addresses.lockedFor(client, now));
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(wait);
        }
    }

    private static String accountKey(String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        return truncate(username.strip().toLowerCase(Locale.ROOT));
    }

    private String addressKey(String address) {
        if (address == null || address.isBlank() || sharedAddress.test(address.strip())) {
            return null;
        }
        return truncate(address.strip().toLowerCase(Locale.ROOT));
    }

    private static String truncate(String key) {
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** One table of keys (accounts or addresses), least recently used first. */
    private static final class Counters {
        private final int limit;
        private final int maxKeys;
        private final LinkedHashMap<String, Entry> entries;

        Counters(int limit, int maxKeys) {
            this.limit = limit;
            this.maxKeys = maxKeys;
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                    return size() > Counters.this.maxKeys;
                }
            };
        }

        synchronized Duration lockedFor(String key, Instant now) {
            Entry entry = key == null ? null : entries.get(key);
            return entry == null || !now.isBefore(entry.lockedUntil) ? Duration.ZERO
                    : Duration.between(now, entry.lockedUntil);
        }

        synchronized void failed(String key, Instant now) {
            if (key == null) {
                return;
            }
            Entry entry = entries.get(key);
            if (entry == null || entry.forgotten(now)) {
                entry = new Entry();
                entries.put(key, entry);
            }
            entry.fail(now, limit);
        }

        synchronized void forget(String key) {
            if (key != null) {
                entries.remove(key);
            }
        }

        synchronized int size() {
            return entries.size();
        }
    }

    /** Recent failures of one key, and its locks since it was last quiet. Guarded by its {@link Counters}. */
    private static final class Entry {
        private final ArrayDeque<Instant> failures = new ArrayDeque<>();
        private int locks;
        private Instant lockedUntil = Instant.MIN;

        void fail(Instant now, int limit) {
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(now.minus(WINDOW))) {
                failures.removeFirst();
            }
            if (locks > 0 && !now.isBefore(lockedUntil.plus(WINDOW))) {
                locks = 0;
            }
            failures.addLast(now);
            if (failures.size() > limit) {
                failures.removeFirst();
            }
            if (locks > 0 || failures.size() >= limit) {
                locks++;
                Instant until = now.plus(delay(locks));
                if (until.isAfter(lockedUntil)) {
                    lockedUntil = until;
                }
            }
        }

        /** Nothing left to remember: no failure in the window, and quiet for a window since the last lock. */
        boolean forgotten(Instant now) {
            boolean failuresExpired = failures.isEmpty() || !failures.peekLast().isAfter(now.minus(WINDOW));
            return failuresExpired && (locks == 0 || !now.isBefore(lockedUntil.plus(WINDOW)));
        }

        private static Duration delay(int locks) {
            // 1, 2, 4, 8, 15, 15, … minutes; the shift is bounded so it cannot overflow.
            Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(locks - 1, 10));
            return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
        }
    }
}
