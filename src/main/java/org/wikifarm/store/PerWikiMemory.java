package org.wikifarm.store;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Something read from each wiki's own database on every request (its look, its link order), remembered per wiki: at
 * most {@value #REMEMBERED} wikis, least recently used out, each for at most {@code rememberFor} — the bound after
 * which another node's change shows here. A change on this node is {@link #put} at once.
 */
public final class PerWikiMemory<V> {
    static final int REMEMBERED = 10_000;

    private record Remembered<V>(V value, long readAt) {
    }

    private final Clock clock;
    private final long rememberMillis;
    private final Map<TenantId, Remembered<V>> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TenantId, Remembered<V>> eldest) {
            return size() > REMEMBERED;
        }
    };

    public PerWikiMemory(Clock clock, Duration rememberFor) {
        this.clock = clock;
        this.rememberMillis = rememberFor.toMillis();
    }

    /** What was remembered of the wiki if it is fresh enough, otherwise {@code read} of it, remembered. */
    public V get(TenantId wiki, Function<TenantId, V> read) {
        long now = clock.millis();
        synchronized (remembered) {
            Remembered<V> known = remembered.get(wiki);
            if (known != null && now - known.readAt() < rememberMillis) {
                return known.value();
            }
        }
        V value = read.apply(wiki);
        synchronized (remembered) {
            remembered.put(wiki, new Remembered<>(value, now));
        }
        return value;
    }

    /** What this node just stored for the wiki. */
    public void put(TenantId wiki, V value) {
        synchronized (remembered) {
            remembered.put(wiki, new Remembered<>(value, clock.millis()));
        }
    }
}
