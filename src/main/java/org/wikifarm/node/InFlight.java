package org.wikifarm.node;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.WikiNodes;

/**
 * The requests each wiki has in progress on this node, so a move can wait for those that began before the wiki went
 * read-only (a write that passed its permission check just before must land before the copy is taken). Requests that
 * begin later are not waited for: they can only read.
 */
final class InFlight {
    private final AtomicLong sequence = new AtomicLong();
    private final Map<TenantId, Set<Long>> running = new ConcurrentHashMap<>();

    WikiNodes.Ticket begin(TenantId wiki) {
        long ticket = sequence.incrementAndGet();
        running.computeIfAbsent(wiki, id -> ConcurrentHashMap.newKeySet()).add(ticket);
        return () -> running.computeIfPresent(wiki, (id, tickets) -> {
            tickets.remove(ticket);
            return tickets.isEmpty() ? null : tickets;
        });
    }

    /** Waits until every request of the wiki that began before now has ended; false if {@code wait} ran out first. */
    boolean drain(TenantId wiki, Duration wait) throws InterruptedException {
        long before = sequence.get();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Set<Long> tickets = running.get(wiki);
            if (tickets == null || tickets.stream().allMatch(ticket -> ticket > before)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
    }
}
