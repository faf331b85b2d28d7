package org.wikifarm.mcp;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.config.Settings;
import org.wikifarm.store.TenantId;

/**
 * Which wiki and token opened each MCP session, and how many sessions there may be. The SDK keeps one table of
 * sessions for the whole server, and a session id is only a bearer of state, not of identity: a request that names a
 * session must come from the same token on the same wiki, or the session does not exist for it.
 *
 * <p>Sessions cost memory until they end, so they are bounded three ways ({@link Settings.Limits}): one token holds at
 * most {@code mcpSessionsPerToken} (a new one ends the token's least recently used session, so a client that never
 * closes its sessions only hurts itself), the server at most {@code mcpSessionsMax} (a token with no session of its own
 * to give up is then refused with 429 and a Retry-After, so no tenant can push out another's sessions), and a session
 * unused for {@code mcpSessionIdleMinutes} ends. A new session is admitted before the SDK makes it and counted as
 * pending until the SDK names it, so requests racing for the last place cannot all get it. The servlet ends the
 * sessions this table lets go in the SDK too. Time comes from a {@link Clock}; every step is a scan of at most
 * {@code mcpSessionsMax} entries.
 */
final class SessionBinding {
    private static final long SWEEP_EVERY_MILLIS = 60_000;

    /** The owner of a session: a wiki and one of its tokens. */
    record Owner(TenantId wiki, String tokenId) {
    }

    /** A request's session as this table sees it. */
    enum Use { ALLOWED, REFUSED, EXPIRED }

    /** A new session may be made once the sessions in {@code toEnd} (expired, or the token's oldest) are ended. */
    record Admission(List<String> toEnd) {
    }

    /** No session may be made now; {@code retryAfterSeconds} is when the first place frees up at the latest. */
    static final class Full extends RuntimeException {
        private final long retryAfterSeconds;

        Full(String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private static final class Entry {
        final Owner owner;
        long lastUsed;

        Entry(Owner owner, long lastUsed) {
            this.owner = owner;
            this.lastUsed = lastUsed;
        }
    }

    private final Clock clock;
    private final int perToken;
    private final int max;
    private final long idleMillis;
    private final Map<String, Entry> sessions = new HashMap<>();
    private final Map<Owner, Integer> pending = new HashMap<>();
    private int pendingTotal;
    private long lastSweep;

    SessionBinding(Clock clock, Settings.Limits limits) {
        this.clock = clock;
        this.perToken = limits.mcpSessionsPerToken();
        this.max = limits.mcpSessionsMax();
        this.idleMillis = limits.mcpSessionIdleMinutes() * 60_000L;
        this.lastSweep = clock.millis();
    }

    /**
     * Makes room for a new session of {@code owner}, or throws {@link Full}. The caller ends the sessions the
     * admission names, then {@link #bind}s the new session, or {@link #release}s the place if none was made.
     */
    synchronized Admission admit(Owner owner) {
        long now = clock.millis();
        List<String> toEnd = new ArrayList<>();
        if (now - lastSweep >= SWEEP_EVERY_MILLIS || sessions.size() + pendingTotal >= max) {
            sweep(now, toEnd);
        }
        int own = count(owner) + pending.getOrDefault(owner, 0);
        while (own >= perToken || sessions.size() + pendingTotal >= max) {
            String oldest = oldestOf(owner);
            if (oldest == null) {
                throw full(now, own >= perToken);
            }
            sessions.remove(oldest);
            toEnd.add(oldest);
            own--;
        }
        pending.merge(owner, 1, Integer::sum);
        pendingTotal++;
        return new Admission(toEnd);
    }

    /** Records the owner of a session the SDK has just made (before its id reaches the client). */
    synchronized void bind(String sessionId, Owner owner) {
        release(owner);
        sessions.put(sessionId, new Entry(owner, clock.millis()));
    }

    /** Gives back an admitted place that no session took (the initialize failed). */
    synchronized void release(Owner owner) {
        Integer waiting = pending.get(owner);
        if (waiting != null) {
            if (waiting <= 1) {
                pending.remove(owner);
            } else {
                pending.put(owner, waiting - 1);
            }
            pendingTotal--;
        }
    }

    /**
     * Whether this owner may use the session: {@link Use#ALLOWED} (and using it keeps it alive), {@link Use#REFUSED}
     * when it does not exist for this owner, {@link Use#EXPIRED} when it was idle too long and has just been let go
     * (the caller ends it in the SDK).
     */
    synchronized Use use(String sessionId, Owner owner) {
        Entry entry = sessions.get(sessionId);
        if (entry == null || !entry.owner.equals(owner)) {
            return Use.REFUSED;
        }
        long now = clock.millis();
        if (now - entry.lastUsed > idleMillis) {
            sessions.remove(sessionId);
            return Use.EXPIRED;
        }
        entry.lastUsed = now;
        return Use.ALLOWED;
    }

    synchronized void forget(String sessionId) {
        sessions.remove(sessionId);
    }

    synchronized int size() {
        return sessions.size();
    }

    private void sweep(long now, List<String> ended) {
        lastSweep = now;
        sessions.entrySet().removeIf(entry -> {
            boolean idle = now - entry.getValue().lastUsed > idleMillis;
            if (idle) {
                ended.add(entry.getKey());
            }
            return idle;
        });
    }

    private int count(Owner owner) {
        int count = 0;
        for (Entry entry : sessions.values()) {
            if (entry.owner.equals(owner)) {
                count++;
            }
        }
        return count;
    }

    private String oldestOf(Owner owner) {
        String oldest = null;
        long oldestUse = Long.MAX_VALUE;
        for (Map.Entry<String, Entry> entry : sessions.entrySet()) {
            if (entry.getValue().owner.equals(owner) && entry.getValue().lastUsed < oldestUse) {
                oldest = entry.getKey();
                oldestUse = entry.getValue().lastUsed;
            }
        }
        return oldest;
    }

    private Full full(long now, boolean tokenFull) {
        if (tokenFull) {
            // Every place of this token is being opened right now: one of those will be usable in a moment.
            return new Full("This token is already opening " + perToken + " sessions, the most it may hold; wait"
                    + " for them or reuse one.", 1);
        }
        long firstFree = Long.MAX_VALUE;
        for (Entry entry : sessions.values()) {
            firstFree = Math.min(firstFree, entry.lastUsed + idleMillis - now);
        }
        long seconds = firstFree == Long.MAX_VALUE ? 1 : Math.max(1, (firstFree + 999) / 1000);
        return new Full("The server holds " + max + " MCP sessions, the most it may; try again later, or reuse a"
                + " session of this token.", seconds);
    }
}
