package org.wikifarm.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How long answers read from the platform database may be reused ({@code authCacheSeconds}), and the generation
 * that retires them all at once. Who may do what is asked on every request, and asking the database each time made a
 * signed-in page view cost three or four queries; so answers are remembered, bounded twice:
 * <ul>
 *   <li>in time: nothing is used longer than {@code bound} after it was read, so a change another node made is seen
 *       within it;</li>
 *   <li>by generation: a change made on this node calls {@link #changed()} once it is committed, and nothing read
 *       before that is used again. A read that overlaps a change is not remembered at all, so an answer read just
 *       before a commit cannot outlive it.</li>
 * </ul>
 * A bound of zero remembers nothing.
 */
public final class Freshness {
    private final Clock clock;
    private final Duration bound;
    private final AtomicLong generation = new AtomicLong();
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Freshness(Clock clock, Duration bound) {
        if (bound.isNegative()) {
            throw new IllegalArgumentException("negative bound " + bound);
        }
        this.clock = clock;
        this.bound = bound;
    }

    /** Remembers nothing: every answer is read again. */
    public static Freshness none() {
        return new Freshness(Clock.systemUTC(), Duration.ZERO);
    }

    public Clock clock() {
        return clock;
    }

    public Duration bound() {
        return bound;
    }

    public long generation() {
        return generation.get();
    }

    /** Something that decides who may do what was changed (and committed) on this node: forget every answer. */
    public void changed() {
        generation.incrementAndGet();
        listeners.forEach(Runnable::run);
    }

    /** Another node said it changed something: forget every answer, without telling anyone in turn. */
    public void changedElsewhere() {
        generation.incrementAndGet();
    }

    /** Runs {@code listener} after every {@link #changed()} on this node (to tell the other nodes); must be quick. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Whether an answer read at {@code readAt}, in {@code generationThen}, may still be used. */
    public boolean fresh(Instant readAt, long generationThen) {
        return generationThen == generation.get() && !bound.isZero()
                && !clock.instant().isAfter(readAt.plus(bound));
    }

    /** A new map of remembered answers, holding at most {@code maxEntries} (all are dropped when it is full). */
    public <K, V> Remembered<K, V> remembered(int maxEntries) {
        return new Remembered<>(maxEntries);
    }

    /** Answers by key, each reused while {@link #fresh}. */
    public final class Remembered<K, V> {
        private record Entry<V>(V value, Instant at, long generation) {
        }

        private final int maxEntries;
        private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

        private Remembered(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        public V get(K key, Function<K, V> load) {
            return get(key, load, value -> true);
        }

        /** The remembered answer, or {@code load}'s, which is remembered if {@code keep} says so. */
        public V get(K key, Function<K, V> load, Predicate<V> keep) {
            Entry<V> entry = entries.get(key);
            if (entry != null && fresh(entry.at(), entry.generation())) {
                return entry.value();
            }
            long before = generation.get();
            Instant at = clock.instant();
            V value = load.apply(key);
            if (!bound.isZero() && keep.test(value) && generation.get() == before) {
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
                entries.put(key, new Entry<>(value, at, before));
            }
            return value;
        }
    }
}
