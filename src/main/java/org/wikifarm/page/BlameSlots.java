package org.wikifarm.page;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;

/**
 * How many blames of one wiki run at once: past {@link Blame#PER_WIKI}, a blame is refused with 429 instead of
 * queueing, so a wiki whose readers ask for many blames of a long history holds at most that many request threads
 * for at most {@link Blame#BUDGET} each. Only wikis blaming right now take room here.
 */
final class BlameSlots {
    private final int perWiki;
    private final Map<TenantId, Integer> running = new HashMap<>(); // guarded by this

    BlameSlots(int perWiki) {
        this.perWiki = perWiki;
    }

    <T> T run(TenantId wiki, Supplier<T> blame) {
        take(wiki);
        try {
            return blame.get();
        } finally {
            giveBack(wiki);
        }
    }

    private synchronized void take(TenantId wiki) {
        int now = running.getOrDefault(wiki, 0);
        if (now >= perWiki) {
            throw new WikifarmException.TooManyRequests("blame_busy", "This wiki is already working out " + now
                    + " blames at once, the most it may; try again in a moment.");
        }
        running.put(wiki, now + 1);
    }

    private synchronized void giveBack(TenantId wiki) {
        int left = running.getOrDefault(wiki, 1) - 1;
        if (left <= 0) {
            running.remove(wiki);
        } else {
            running.put(wiki, left);
        }
    }
}
