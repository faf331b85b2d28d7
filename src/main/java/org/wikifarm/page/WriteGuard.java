package org.wikifarm.page;

import org.wikifarm.tenant.Wiki;

/**
 * A rule every write of a wiki's content obeys before anything is stored, whichever door it came through: the
 * editor, the REST API, MCP, a git push, an upload. {@link PageService} asks every guard ({@link PageService#guard})
 * before it writes; a guard refuses by throwing a {@code WikifarmException} whose status and message every door passes
 * on unchanged (a quota: 413), and then nothing of the write is stored.
 */
public interface WriteGuard {
    /**
     * Throws to refuse a write that would change the wiki by {@code growth}. A write that makes the wiki smaller
     * (no more pages, no more bytes) should always be allowed, so an owner over a limit can clean up.
     */
    void check(Wiki wiki, Growth growth);

    /**
     * What a write would add to a wiki: pages (negative when it deletes) and bytes of stored content (an estimate,
     * negative when it frees more than it adds).
     */
    record Growth(int pages, long bytes) {
        public static final Growth NONE = new Growth(0, 0);

        /** Whether the wiki would be no larger afterwards. */
        public boolean shrinksOrKeeps() {
            return pages <= 0 && bytes <= 0;
        }
    }
}
