package org.wikifarm.limit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * At most {@code perKey} pieces of work at once for one key (a wiki): past it, work is refused at once instead of
 * queueing, so one key holds at most that many request threads and every other key keeps being served. Only keys with
 * work running take room here. The mechanism behind the "so many at once per wiki" caps of renderings, blames and git
 * requests; searches, short and in bursts, wait their turn instead ({@link WaitingSlots}).
 *
 * @param <K> the key, e.g. a wiki's id
 */
public final class KeyedSlots<K> {
    private final int perKey;
    private final Map<K, Integer> running = new HashMap<>(); // guarded by this

    public KeyedSlots(int perKey) {
        if (perKey < 1) {
            throw new IllegalArgumentException("perKey must be at least 1");
        }
        this.perKey = perKey;
    }

    public int perKey() {
        return perKey;
    }

    /**
     * Runs {@code work} in one of the key's slots; when all are taken, throws what {@code busy} makes of how many run.
     * The slot is given back however the work ends.
     */
    public <T> T run(K key, Supplier<T> work, IntFunction<? extends RuntimeException> busy) {
        int now = tryTake(key);
        if (now < 0) {
            throw busy.apply(perKey);
        }
        try {
            return work.get();
        } finally {
            release(key);
        }
    }

    /**
     * Takes a slot for work that cannot be a {@link Supplier} (it throws checked exceptions); the caller must
     * {@link #release} it in a {@code finally}. Returns how many ran before, or -1 when all slots were taken.
     */
    public synchronized int tryTake(K key) {
        int now = running.getOrDefault(key, 0);
        if (now >= perKey) {
            return -1;
        }
        running.put(key, now + 1);
        return now;
    }

    /** Gives back a slot taken with {@link #tryTake}. */
    public synchronized void release(K key) {
        int left = running.getOrDefault(key, 1) - 1;
        if (left <= 0) {
            running.remove(key);
        } else {
            running.put(key, left);
        }
    }

    /** How much work of the key runs now. */
    public synchronized int running(K key) {
        return running.getOrDefault(key, 0);
    }
}
