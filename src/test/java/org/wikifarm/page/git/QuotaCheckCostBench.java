package org.wikifarm.page.git;

import static org.wikifarm.page.git.TestWiki.ALICE;
import static org.wikifarm.page.git.TestWiki.page;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PageStore;
import org.wikifarm.page.WriteGuard.Growth;

/**
 * What the quota check adds to a save in the store (docs/benchmarks.md, "Quota check"): saves of a 2 KB page with no
 * guard and with a guard as costly as the quota's (a monitor, a few additions), alternating in rounds, and the
 * growth computation alone. Run by hand: {@code mvn -o -q test -Dtest=QuotaCheckCostBench}.
 */
class QuotaCheckCostBench extends GitWikiTestCase {
    private static final int SAVES = 1_000;
    private static final String TEXT = "x".repeat(2_000);
    private final Object monitor = new Object();
    private long counted;

    @Test
    void measure() {
        Consumer<Growth> quotaLike = growth -> {
            synchronized (monitor) {
                if (counted + growth.bytes() > Long.MAX_VALUE / 2) {
                    throw new IllegalStateException();
                }
                counted += Math.max(0, growth.bytes());
            }
        };
        String[] revision = {store.save(page("P"), TEXT + 0, null, ALICE, null).page().revision()};
        long[] none = new long[5];
        long[] guarded = new long[5];
        int n = 1;
        for (int round = -1; round < 5; round++) {
            for (int pass = 0; pass < 2; pass++) {
                Consumer<Growth> guard = pass == 0 ? PageStore.NO_GUARD : quotaLike;
                long start = System.nanoTime();
                for (int i = 0; i < SAVES; i++) {
                    revision[0] = store.save(page("P"), TEXT + n++, revision[0], ALICE, null, guard).page()
                            .revision();
                }
                long micros = (System.nanoTime() - start) / 1_000 / SAVES;
                if (round >= 0) {
                    (pass == 0 ? none : guarded)[round] = micros;
                }
            }
        }
        // The growth computation alone, as a write does it: a snapshot of HEAD, the size of the page written.
        long growthNanos = 0;
        int growths = 20_000;
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(wiki.repo)) {
            Snapshot head = Snapshot.ofHead(walk, Snapshot.headId(wiki.repo), null);
            java.util.List<PageEdit> edits = java.util.List.of(PageEdit.write(page("P"), TEXT.getBytes()));
            for (int i = -growths; i < growths; i++) {
                long start = System.nanoTime();
                GitCommitter.growth(head, edits);
                if (i >= 0) {
                    growthNanos += System.nanoTime() - start;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.printf("growth of a one-page write: %.2f µs%n", growthNanos / 1000.0 / growths);
        java.util.Arrays.sort(none);
        java.util.Arrays.sort(guarded);
        System.out.printf("median save without a guard: %d µs; with the quota's check: %d µs (rounds: %s / %s)%n",
                none[2], guarded[2], java.util.Arrays.toString(none), java.util.Arrays.toString(guarded));
    }
}
