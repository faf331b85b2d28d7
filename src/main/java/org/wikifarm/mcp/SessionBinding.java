package org.wikifarm.mcp;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wikifarm.tenant.TenantId;

/**
 * Which wiki and token opened each MCP session. The SDK keeps one table of sessions for the whole server, and a
 * session id is only a bearer of state, not of identity: a request that names a session must come from the same
 * token on the same wiki, or the session does not exist for it. Entries idle for longer than {@link #IDLE} are
 * forgotten (the SDK itself evicts idle sessions sooner), so the table stays small without a thread of its own.
 */
final class SessionBinding {
    /** Like a web session's 8 hours: a client idle for longer initializes again. */
    static final Duration IDLE = Duration.ofHours(8);
    private static final long SWEEP_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    /** The owner of a session: a wiki and one of its tokens. */
    record Owner(TenantId wiki, String tokenId) {
    }

    private record Entry(Owner owner, AtomicLong lastUsed) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong lastSweep;

    SessionBinding(Clock clock) {
        this.clock = clock;
        this.lastSweep = new AtomicLong(clock.millis());
    }

    /** Records the owner of a session the SDK has just created (before its id reaches the client). */
    void bind(String sessionId, Owner owner) {
        sweepIfDue();
        sessions.put(sessionId, new Entry(owner, new AtomicLong(clock.millis())));
    }

    /** True when the session exists and belongs to this owner; using it keeps it alive. */
    boolean permits(String sessionId, Owner owner) {
        Entry entry = sessions.get(sessionId);
        if (entry == null || !entry.owner().equals(owner)) {
            return false;
        }
        long now = clock.millis();
        if (now - entry.lastUsed().get() > IDLE.toMillis()) {
            sessions.remove(sessionId, entry);
            return false;
        }
        entry.lastUsed().set(now);
        return true;
    }

    void forget(String sessionId) {
        sessions.remove(sessionId);
    }

    int size() {
        return sessions.size();
    }

    private void sweepIfDue() {
        long now = clock.millis();
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_MILLIS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        sessions.values().removeIf(entry -> now - entry.lastUsed().get() > IDLE.toMillis());
    }
}
