package org.wikifarm.limit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * At most {@code perKey} pieces of work at once for one key (a wiki), and at most {@code waitingPerKey} more waiting
 * for a slot, in the order they came, each for at most {@code wait}: work past the waiting room, or still waiting
 * when its time is up, is refused. For work that takes milliseconds and comes in bursts (searches), where refusing at
 * once as {@link KeyedSlots} does would turn away a burst that is served a moment later; one key still holds at most
 * {@code perKey + waitingPerKey} request threads, for at most {@code wait} each before its work starts. Only keys with
 * work running or waiting take room here.
 *
 * @param <K> the key, e.g. a wiki's id
 */
public final class WaitingSlots<K> {
    private final int perKey;
    private final int waitingPerKey;
    private final long waitNanos;
    private final Map<K, Room> rooms = new HashMap<>(); // guarded by this

    /** One key's slots (a fair semaphore: first come, first served) and how many are running or waiting. */
    private static final class Room {
        final Semaphore slots;
        int inside; // guarded by WaitingSlots.this

        Room(int slots) {
            this.slots = new Semaphore(slots, true);
        }
    }

    /**
     * @param perKey        how many run at once (at least 1)
     * @param waitingPerKey how many more may wait (0: refused at once when all slots are taken)
     * @param wait          how long one waits at most
     */
    public WaitingSlots(int perKey, int waitingPerKey, Duration wait) {
        if (perKey < 1 || waitingPerKey < 0 || wait.isNegative()) {
            throw new IllegalArgumentException("perKey must be at least 1, waitingPerKey and wait at least 0");
        }
        this.perKey = perKey;
        this.waitingPerKey = waitingPerKey;
        this.waitNanos = wait.toNanos();
    }

    /**
     * Runs {@code work} in one of the key's slots, after waiting for one if all are taken; throws what {@code busy}
     * makes of how many may run when the waiting room is full or the wait is over (or the thread is interrupted,
     * whose flag stays set). The slot is given back however the work ends.
     */
    public <T> T run(K key, Supplier<T> work, IntFunction<? extends RuntimeException> busy) {
        Room room = enter(key);
        if (room == null) {
            throw busy.apply(perKey);
        }
        try {
            if (!take(room)) {
                throw busy.apply(perKey);
            }
            try {
                return work.get();
            } finally {
                room.slots.release();
            }
        } finally {
            leave(key, room);
        }
    }

    private boolean take(Room room) {
        try {
            return room.slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The key's room with this one counted in, or null when its slots and waiting room are full. */
    private synchronized Room enter(K key) {
        Room room = rooms.computeIfAbsent(key, k -> new Room(perKey));
        if (room.inside >= perKey + waitingPerKey) {
            return null;
        }
        room.inside++;
        return room;
    }

    private synchronized void leave(K key, Room room) {
        if (--room.inside == 0) {
            rooms.remove(key);
        }
    }

    /** How much work of the key is running or waiting now (for tests). */
    synchronized int inside(K key) {
        Room room = rooms.get(key);
        return room == null ? 0 : room.inside;
    }

    /** How much work of the key waits for a slot now (for tests). */
    synchronized int waiting(K key) {
        Room room = rooms.get(key);
        return room == null ? 0 : room.slots.getQueueLength();
    }

    /** How many keys have work running or waiting: the memory this holds (for tests). */
    synchronized int keys() {
        return rooms.size();
    }
}
