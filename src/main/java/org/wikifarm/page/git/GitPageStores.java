package org.wikifarm.page.git;

import java.time.Clock;
import java.util.function.Function;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.LastChangeRecords;
import org.wikifarm.page.PageStore;
import org.wikifarm.page.PageStores;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiLease;

/** Each open wiki's pages in its git repository: one {@link GitPageStore} per open wiki, a component of it. */
public final class GitPageStores implements PageStores {
    private final Function<TenantId, LastChangeRecords> records;
    private final Clock clock;
    private final Function<TenantId, WikiLinkOrder> linkOrders;

    /**
     * @param records where a wiki's store keeps its last-change answers between runs
     * @param clock the time its commits are made at
     */
    public GitPageStores(Function<TenantId, LastChangeRecords> records, Clock clock) {
        this(records, clock, wiki -> WikiLinkOrder.DEFAULT);
    }

    /** @param linkOrders each wiki's wiki link order, read when its links are read */
    public GitPageStores(Function<TenantId, LastChangeRecords> records, Clock clock,
                         Function<TenantId, WikiLinkOrder> linkOrders) {
        this.records = records;
        this.clock = clock;
        this.linkOrders = linkOrders;
    }

    @Override
    public PageStore of(WikiLease lease) {
        return lease.component(GitPageStore.class,
                open -> new GitPageStore(open.repository(), records.apply(open.id()), clock,
                        () -> linkOrders.apply(open.id())));
    }
}
