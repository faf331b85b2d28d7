package org.wikifarm.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.wikifarm.config.Settings;

/**
 * One-time tickets that carry a sign-in from the platform's host to a wiki on a custom domain, which cannot read the
 * platform's session cookie. After signing in, the platform redirects to {@code <domain>/-/session?ticket=…}; that
 * host redeems the ticket for a session of its own. A ticket is 256 random bits (only its SHA-256 is kept, in memory),
 * valid for a short time, for one host and once: redeeming removes it. It is also bound to a nonce that the custom
 * domain put in a cookie of its own when the sign-in started there, so a ticket someone else obtained cannot sign a
 * victim's browser in to the attacker's account. The session id itself never appears in a URL.
 *
 * <p>Bounded: each person holds at most {@code ticketsPerUser} unused tickets (older ones are dropped), and expired
 * tickets are dropped as new ones are made (they expire in the order they were made).
 */
public final class SignInTickets {
    private static final int SECRET_BYTES = 32;

    private final Clock clock;
    private final Duration lifetime;
    private final int perUser;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<Long, Deque<String>> byUser = new HashMap<>();
    private final Deque<String> inOrder = new ArrayDeque<>();

    /** What a redeemed ticket gives: who signed in, and which platform sign-in the new session belongs to. */
    public record Claim(long userId, String family) {
    }

    private record Pending(long userId, String family, String host, String nonceHash, Instant expires) {
    }

    public SignInTickets(Clock clock, Settings.SignIn settings) {
        this.clock = clock;
        this.lifetime = Duration.ofSeconds(settings.ticketSeconds());
        this.perUser = settings.ticketsPerUser();
    }

    /**
     * A new ticket for {@code userId} to sign in on {@code host} (lowercase, without port), redeemable only by a
     * browser that holds {@code nonce}.
     */
    public synchronized String issue(long userId, String family, String host, String nonce) {
        Instant now = clock.instant();
        dropExpired(now);
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String key = sha256(ticket);
        pending.put(key, new Pending(userId, family, host, sha256(nonce), now.plus(lifetime)));
        inOrder.addLast(key);
        Deque<String> mine = byUser.computeIfAbsent(userId, id -> new ArrayDeque<>());
        mine.addLast(key);
        while (mine.size() > perUser) {
            pending.remove(mine.removeFirst());
        }
        return ticket;
    }

    /** The claim of a ticket made for this host and nonce that has not expired nor been used; it is used up now. */
    public synchronized Optional<Claim> redeem(String ticket, String host, String nonce) {
        if (ticket == null || nonce == null || host == null) {
            return Optional.empty();
        }
        String key = sha256(ticket);
        Pending found = pending.remove(key);
        if (found == null) {
            return Optional.empty();
        }
        Deque<String> mine = byUser.get(found.userId());
        if (mine != null) {
            mine.remove(key);
            if (mine.isEmpty()) {
                byUser.remove(found.userId());
            }
        }
        boolean valid = clock.instant().isBefore(found.expires()) && found.host().equals(host)
                && MessageDigest.isEqual(found.nonceHash().getBytes(StandardCharsets.US_ASCII),
                        sha256(nonce).getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(new Claim(found.userId(), found.family())) : Optional.empty();
    }

    /** How many tickets are waiting to be used (for tests and health checks). */
    public synchronized int pending() {
        return pending.size();
    }

    private void dropExpired(Instant now) {
        for (Iterator<String> keys = inOrder.iterator(); keys.hasNext(); ) {
            String key = keys.next();
            Pending ticket = pending.get(key);
            if (ticket != null && now.isBefore(ticket.expires())) {
                return;
            }
            keys.remove();
            if (ticket != null) {
                pending.remove(key);
                Deque<String> mine = byUser.get(ticket.userId());
                if (mine != null) {
                    mine.remove(key);
                    if (mine.isEmpty()) {
                        byUser.remove(ticket.userId());
                    }
                }
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
