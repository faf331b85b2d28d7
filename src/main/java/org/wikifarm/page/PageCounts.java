package org.wikifarm.page;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.store.WikiStats;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/** A wiki's number of pages, kept in its {@code wiki.db} and in the platform's list of wikis. */
final class PageCounts {
    private static final Logger LOG = LoggerFactory.getLogger(PageCounts.class);

    private final WikiStats stats;
    private final WikiRepository wikiRepository;

    PageCounts(WikiSessions sessions, WikiRepository wikiRepository) {
        this.stats = new WikiStats(sessions);
        this.wikiRepository = wikiRepository;
    }

    /**
     * Stores the count after a write that added or removed pages. Read (at the wiki's current commit) and stored under
     * the store's monitor, so two writers cannot store their counts out of order. The count is derived data: if
     * storing it fails, the committed change stands and the next change counts again.
     */
    void update(Wiki wiki, PageStore store) {
        synchronized (store) {
            try {
                int count = store.pageCount();
                stats.set(wiki.id(), WikiStat.PAGE_COUNT, count);
                wikiRepository.setPageCount(wiki.id(), count);
            } catch (RuntimeException e) {
                LOG.warn("Could not store the page count of wiki {}", wiki.id(), e);
            }
        }
    }
}
