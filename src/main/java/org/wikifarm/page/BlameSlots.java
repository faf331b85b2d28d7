package org.wikifarm.page;

import java.util.function.Supplier;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.KeyedSlots;
import org.wikifarm.store.TenantId;

/**
 * How many blames of one wiki run at once: past {@link Blame#PER_WIKI}, a blame is refused with 429 instead of
 * queueing, so a wiki whose readers ask for many blames of a long history holds at most that many request threads
 * for at most {@link Blame#BUDGET} each ({@link KeyedSlots}).
 */
final class BlameSlots {
    private final KeyedSlots<TenantId> slots;

    BlameSlots(int perWiki) {
        this.slots = new KeyedSlots<>(perWiki);
    }

    <T> T run(TenantId wiki, Supplier<T> blame) {
        return slots.run(wiki, blame, most -> new WikifarmException.TooManyRequests("blame_busy",
                "This wiki is already working out " + most + " blames at once, the most it may; try again in a"
                        + " moment."));
    }
}
