package org.wikifarm.web;

import java.util.function.Supplier;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.KeyedSlots;
import org.wikifarm.render.RenderCache;
import org.wikifarm.render.Rendered;
import org.wikifarm.store.TenantId;

/**
 * How many pages of one wiki render at once (cache misses only): past the setting, a rendering is refused with 429
 * instead of queueing, so a wiki flooded with new or previewed pages holds at most that many request threads and
 * every other wiki keeps being served ({@link KeyedSlots}).
 */
final class RenderSlots {
    private final KeyedSlots<TenantId> slots;

    RenderSlots(int perWiki) {
        this.slots = new KeyedSlots<>(perWiki);
    }

    /** The gate for one wiki's renderings. */
    RenderCache.Gate of(TenantId wiki) {
        return rendering -> render(wiki, rendering);
    }

    private Rendered render(TenantId wiki, Supplier<Rendered> rendering) {
        return slots.run(wiki, rendering, most -> new WikifarmException.TooManyRequests("render_busy",
                "This wiki is already rendering " + most + " pages at once, the most it may; try again in a moment."));
    }

    /** How many renderings of the wiki run now (for tests). */
    int running(TenantId wiki) {
        return slots.running(wiki);
    }
}
