package org.wikifarm.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.WriteGuard.Growth;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;

class QuotaTest {
    private static final Wiki WIKI = wiki("aaaaaaaaaaaa", "notes");
    private static final Wiki OTHER = wiki("bbbbbbbbbbbb", "other");

    private final AtomicInteger loads = new AtomicInteger();

    private Quota quota(long usedBytes, int pages, Limits limits) {
        return new Quota(id -> {
            loads.incrementAndGet();
            return new Quota.Start(usedBytes, pages, limits);
        });
    }

    @Test
    void aWriteThatWouldPassTheByteLimitIsRefusedWithUsageAndLimit() {
        Quota quota = quota(900, 1, new Limits(1000, 0, true));
        quota.check(WIKI, new Growth(0, 100));
        WikifarmException refused = (WikifarmException) org.assertj.core.api.Assertions.catchThrowable(
                () -> quota.check(WIKI, new Growth(0, 1)));
        assertThat(refused).isInstanceOf(WikifarmException.QuotaExceeded.class);
        assertThat(refused.code()).isEqualTo("quota_exceeded");
        assertThat(ErrorStatus.of(refused)).isEqualTo(413);
        assertThat(refused.getMessage()).contains("1,000 bytes").contains("uses 1000 B (1,000 bytes)");
    }

    @Test
    void thePageLimitCountsCreatesAndDeletes() {
        Quota quota = quota(0, 499, new Limits(0, 500, false));
        quota.check(WIKI, new Growth(1, 10));
        assertThatThrownBy(() -> quota.check(WIKI, new Growth(1, 10)))
                .isInstanceOf(WikifarmException.QuotaExceeded.class).hasMessageContaining("500 pages");
        quota.check(WIKI, new Growth(-1, -10));
        quota.check(WIKI, new Growth(1, 10));
        // An edit adds no page: allowed at the page limit.
        quota.check(WIKI, new Growth(0, 5));
    }

    @Test
    void shrinkingAndKeepingAreAllowedOverTheLimit() {
        Quota quota = quota(5000, 900, new Limits(1000, 500, true));
        quota.check(WIKI, new Growth(-1, -300));
        quota.check(WIKI, new Growth(0, 0));
        quota.check(WIKI, new Growth(0, -1));
        assertThatThrownBy(() -> quota.check(WIKI, new Growth(0, 1))).isInstanceOf(
                WikifarmException.QuotaExceeded.class);
    }

    @Test
    void zeroMeansUnlimited() {
        Quota quota = quota(Long.MAX_VALUE / 4, 1_000_000, new Limits(0, 0, true));
        quota.check(WIKI, new Growth(1, 1_000_000));
    }

    @Test
    void aMeasurementReplacesTheFigureAndKeepsWhatWasAllowedAfterItBegan() {
        Quota quota = quota(100, 0, new Limits(1000, 0, true));
        quota.check(WIKI, new Growth(1, 400));
        Quota.Mark mark = quota.beginMeasure(WIKI.id());
        quota.check(WIKI, new Growth(1, 300));
        // The folder measured 200 bytes (git compresses) and one page; the 300 allowed meanwhile stay on top.
        quota.measured(WIKI.id(), mark, 200, 1, new Limits(1000, 0, true));
        assertThat(quota.current(WIKI.id())).isEqualTo(new Quota.Start(500, 2, new Limits(1000, 0, true)));
        quota.check(WIKI, new Growth(0, 500));
        assertThatThrownBy(() -> quota.check(WIKI, new Growth(0, 1))).isInstanceOf(
                WikifarmException.QuotaExceeded.class);
    }

    @Test
    void newLimitsApplyToTheNextWrite() {
        Quota quota = quota(900, 0, new Limits(1000, 0, false));
        assertThatThrownBy(() -> quota.check(WIKI, new Growth(0, 200))).isInstanceOf(
                WikifarmException.QuotaExceeded.class);
        quota.limitsChanged(WIKI.id(), new Limits(2000, 0, true));
        quota.check(WIKI, new Growth(0, 200));
    }

    @Test
    void eachWikiHasItsOwnLedger() {
        Quota quota = quota(0, 0, new Limits(1000, 0, false));
        quota.check(WIKI, new Growth(0, 1000));
        quota.check(OTHER, new Growth(0, 1000));
        assertThatThrownBy(() -> quota.check(WIKI, new Growth(0, 1))).isInstanceOf(
                WikifarmException.QuotaExceeded.class);
        assertThat(loads).hasValue(2);
    }

    @Test
    void concurrentWritesNearTheLimitCannotAllPass() throws Exception {
        Quota quota = quota(0, 0, new Limits(10_000, 0, true));
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    quota.check(WIKI, new Growth(0, 1000));
                    return true;
                } catch (WikifarmException.QuotaExceeded refused) {
                    return false;
                }
            }));
        }
        go.countDown();
        int passed = 0;
        for (Future<Boolean> result : results) {
            passed += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(passed).isEqualTo(10);
    }

    private static Wiki wiki(String id, String slug) {
        return new Wiki(new TenantId(id), 1, new Username("alice"), new Slug(slug), null, "Notes", false,
                PaymentStatus.FREE, Instant.EPOCH, null, 0);
    }

    /** Not a timed test: prints what one check costs, for docs/benchmarks.md ("Quota check"). */
    @Test
    void aCheckIsCheap() {
        Quota quota = quota(0, 0, new Limits(0, 0, false));
        int checks = 2_000_000;
        for (int i = 0; i < checks; i++) {
            quota.check(WIKI, new Growth(0, 1));
        }
        long start = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            quota.check(WIKI, new Growth(0, 1));
        }
        System.out.printf("one quota check: %.3f µs%n", (System.nanoTime() - start) / 1000.0 / checks);
        assertThat(quota.current(WIKI.id()).bytes()).isEqualTo(2L * checks);
    }
}
