package org.wikifarm.page;

import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSessions;

/**
 * The one way to get an open wiki's {@link GitPageStore}: one per open wiki (a component of it, so its caches and
 * write lock are shared by everyone), keeping its last-change answers in the wiki's own database.
 */
public final class PageStores {
    private final WikiSessions sessions;

    public PageStores(WikiSessions sessions) {
        this.sessions = sessions;
    }

    public GitPageStore of(WikiLease lease) {
        return lease.component(GitPageStore.class,
                open -> new GitPageStore(open.repository(), new LastChangeTable(sessions, open.id())));
    }
}
