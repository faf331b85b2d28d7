package org.wikifarm.limit;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the check and the insert of a capped thing per key (a wiki, an account), so two requests at once cannot
 * both see room for one more. A fixed set of locks picked by the key's hash: two keys may share a lock, which only
 * makes them wait for each other briefly, and the memory never grows with the number of keys.
 */
public final class KeyedLocks {
    private final ReentrantLock[] locks;

    public KeyedLocks(int stripes) {
        locks = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public <T> T with(Object key, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), locks.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
