package org.wikifarm.usage;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.WriteGuard;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Wiki;

/**
 * The quota: a write that would take a wiki over its limit on pages or bytes is refused before anything is stored
 * (413 {@code quota_exceeded}); a write that adds neither pages nor bytes is always allowed. docs/quotas.md has the
 * rule. It checks against a ledger per wiki kept in memory, so a check costs no file or database access:
 * <ul>
 *   <li>bytes: the last measurement of the wiki's folder, plus the bytes every write allowed since then added (its
 *       growth, when positive); a measurement replaces the figure and keeps only what was allowed after it began;</li>
 *   <li>pages: the count at the last measurement, moved by every write allowed since (creates and deletes).</li>
 * </ul>
 * Each allowed write is counted at once, under the ledger's monitor, so two writes near the limit cannot both pass
 * on the same figure: the second is checked against the first's growth too. A write that fails after it was
 * allowed stays counted until the next measurement (never too little, sometimes a little too much).
 */
public final class Quota implements WriteGuard {
    /** What a wiki's ledger starts from: its measured bytes and pages, and its limits. */
    record Start(long bytes, int pages, Limits limits) {
    }

    /** Reads where a wiki's ledger starts; called once per wiki (and again after {@link #forget}). */
    interface Loader {
        Start load(TenantId wiki);
    }

    /** The counters of one measurement's start: what was allowed since the previous one. */
    record Mark(long grown, int pagesGrown) {
    }

    private static final class Ledger {
        long measuredBytes;
        int measuredPages;
        long grown;
        long grownAtMeasure;
        int pagesGrown;
        int pagesGrownAtMeasure;
        Limits limits;

        long bytes() {
            return measuredBytes + grown - grownAtMeasure;
        }

        int pages() {
            return Math.max(0, measuredPages + pagesGrown - pagesGrownAtMeasure);
        }
    }

    private final Loader loader;
    private final Map<TenantId, Ledger> ledgers = new ConcurrentHashMap<>();

    Quota(Loader loader) {
        this.loader = loader;
    }

    @Override
    public void check(Wiki wiki, Growth growth) {
        Ledger ledger = ledger(wiki.id());
        synchronized (ledger) {
            if (!growth.shrinksOrKeeps()) {
                Limits limits = ledger.limits;
                if (growth.pages() > 0 && !limits.unlimitedPages()
                        && (long) ledger.pages() + growth.pages() > limits.pages()) {
                    throw new WikifarmException.QuotaExceeded(String.format(Locale.ROOT,
                            "This wiki has %,d pages of the %,d it may have, so it cannot have %,d more. Delete"
                                    + " pages, or ask a platform administrator for a higher limit.",
                            ledger.pages(), limits.pages(), growth.pages()));
                }
                if (growth.bytes() > 0 && !limits.unlimitedBytes() && ledger.bytes() + growth.bytes() > limits.bytes()) {
                    throw new WikifarmException.QuotaExceeded(String.format(Locale.ROOT,
                            "This wiki uses %s (%,d bytes) of the %s (%,d bytes) it may use, and this change adds"
                                    + " about %s. Make pages shorter or delete some, or ask a platform administrator"
                                    + " for a higher limit.", Bytes.human(ledger.bytes()), ledger.bytes(),
                            Bytes.human(limits.bytes()), limits.bytes(), Bytes.human(growth.bytes())));
                }
            }
            ledger.pagesGrown += growth.pages();
            ledger.grown += Math.max(0, growth.bytes());
        }
    }

    /** The figures a check would use now: measured plus allowed since. */
    Start current(TenantId wiki) {
        Ledger ledger = ledger(wiki);
        synchronized (ledger) {
            return new Start(ledger.bytes(), ledger.pages(), ledger.limits);
        }
    }

    /** Call before measuring the wiki; hand the mark to {@link #measured}. */
    Mark beginMeasure(TenantId wiki) {
        Ledger ledger = ledger(wiki);
        synchronized (ledger) {
            return new Mark(ledger.grown, ledger.pagesGrown);
        }
    }

    /**
     * A measurement begun at {@code mark} found these figures: what was allowed before the mark is in them, what was
     * allowed after it (perhaps also in them) stays counted on top.
     */
    void measured(TenantId wiki, Mark mark, long bytes, int pages, Limits limits) {
        Ledger ledger = ledger(wiki);
        synchronized (ledger) {
            ledger.measuredBytes = bytes;
            ledger.measuredPages = pages;
            ledger.grownAtMeasure = mark.grown();
            ledger.pagesGrownAtMeasure = mark.pagesGrown();
            ledger.limits = limits;
        }
    }

    /** The wiki's limits changed (a platform admin set them): the next check uses the new ones. */
    void limitsChanged(TenantId wiki, Limits limits) {
        Ledger ledger = ledgers.get(wiki);
        if (ledger != null) {
            synchronized (ledger) {
                ledger.limits = limits;
            }
        }
    }

    /** Drops the wiki's ledger (a deleted wiki); a later check starts from its stored figures. */
    void forget(TenantId wiki) {
        ledgers.remove(wiki);
    }

    private Ledger ledger(TenantId wiki) {
        return ledgers.computeIfAbsent(wiki, id -> {
            Start start = loader.load(id);
            Ledger ledger = new Ledger();
            ledger.measuredBytes = start.bytes();
            ledger.measuredPages = start.pages();
            ledger.limits = start.limits();
            return ledger;
        });
    }
}
