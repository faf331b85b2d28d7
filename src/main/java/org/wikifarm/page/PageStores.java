package org.wikifarm.page;

import org.wikifarm.store.WikiLease;

/**
 * The one way to get an open wiki's {@link PageStore}: one per open wiki (a component of it, so its caches and write
 * lock are shared by everyone). Which implementation is chosen where the application is put together.
 */
@FunctionalInterface
public interface PageStores {
    PageStore of(WikiLease lease);
}
