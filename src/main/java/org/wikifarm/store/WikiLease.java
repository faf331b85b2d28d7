package org.wikifarm.store;

import java.util.function.Function;
import org.eclipse.jgit.lib.Repository;

/** A hold on an open wiki: while it is not closed, the wiki's files stay open. Use with try-with-resources. */
public final class WikiLease implements AutoCloseable {
    private final OpenWiki wiki;
    private final OpenWikis owner;
    private boolean closed;

    WikiLease(OpenWiki wiki, OpenWikis owner) {
        this.wiki = wiki;
        this.owner = owner;
    }

    public TenantId id() {
        return wiki.id();
    }

    public Repository repository() {
        return wiki.repository();
    }

    public <T> T component(Class<T> type, Function<OpenWiki, T> factory) {
        return wiki.component(type, factory);
    }

    OpenWiki wiki() {
        return wiki;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            owner.release(wiki);
        }
    }
}
