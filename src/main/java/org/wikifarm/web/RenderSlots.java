package org.wikifarm.web;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.render.RenderCache;
import org.wikifarm.render.Rendered;
import org.wikifarm.store.TenantId;

/**
 * How many pages of one wiki render at once (cache misses only): past the setting, a rendering is refused with 429
 * instead of queueing, so a wiki flooded with new or previewed pages holds at most that many request threads and
 * every other wiki keeps being served. Only wikis rendering right now take room here.
 */
final class RenderSlots {
    private final int perWiki;
    private final Map<TenantId, Integer> rendering = new HashMap<>(); // guarded by this

    RenderSlots(int perWiki) {
        this.perWiki = perWiki;
    }

    /** The gate for one wiki's renderings. */
    RenderCache.Gate of(TenantId wiki) {
        return rendering -> render(wiki, rendering);
    }

    private Rendered render(TenantId wiki, Supplier<Rendered> rendering) {
        take(wiki);
        try {
            return rendering.get();
        } finally {
            giveBack(wiki);
        }
    }

    private synchronized void take(TenantId wiki) {
        int now = rendering.getOrDefault(wiki, 0);
        if (now >= perWiki) {
            throw new WikifarmException.TooManyRequests("render_busy", "This wiki is already rendering " + now
                    + " pages at once, the most it may; try again in a moment.");
        }
        rendering.put(wiki, now + 1);
    }

    private synchronized void giveBack(TenantId wiki) {
        int left = rendering.getOrDefault(wiki, 1) - 1;
        if (left <= 0) {
            rendering.remove(wiki);
        } else {
            rendering.put(wiki, left);
        }
    }

    /** How many renderings of the wiki run now (for tests). */
    synchronized int running(TenantId wiki) {
        return rendering.getOrDefault(wiki, 0);
    }
}
