package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

/**
 * Which node of a farm holds each wiki (docs/scale-out.md), as the tenant layer needs to know it: whether this node
 * answers a request for a wiki, whether the wiki may change now, and where a new wiki goes. A node alone holds every
 * wiki ({@link #ALONE}); the {@code node} package implements it for several.
 */
public interface WikiNodes {
    /** This node's name ({@code nodeName}), recorded with every wiki it creates. */
    String self();

    /**
     * Null when this node answers a request for the wiki now; otherwise why not, for a 503 that tells the client to
     * try again (the wiki is held by another node, or is being moved there). Never served from stale local files.
     *
     * @param read whether the request only reads (GET or HEAD)
     */
    Refusal elsewhere(TenantId wiki, boolean read);

    /**
     * Why this node does not answer a request for a wiki now: {@code wiki_elsewhere} (another node holds it) or
     * {@code wiki_moving} (it is being moved here and does not take writes yet); either passes in seconds.
     */
    record Refusal(String code, String message) {
    }

    /** Whether the wiki's content may change now: not while it is moved between nodes. */
    boolean writable(TenantId wiki);

    /** A request for the wiki begins here; the returned ticket is closed when it ends (a move waits for it). */
    Ticket begin(TenantId wiki);

    /** The node a new wiki with this id goes to ({@code placement}); {@link #self()} for this one. */
    String placeNew(TenantId wiki);

    /**
     * Creates {@code wiki} on another node, which writes its files and its rows (counting the owner's wikis again if
     * {@code counted}); returns once it exists there.
     */
    void createOn(String node, Wiki wiki, boolean counted);

    /** A wiki now lives here (created, restored or moved in): tell the proxy. */
    void arrived(Wiki wiki);

    /** A request's hold on a wiki; closing it twice is harmless. */
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    /** One node with every wiki: always here, always writable. */
    WikiNodes ALONE = new WikiNodes() {
        @Override
        public String self() {
            return "local";
        }

        @Override
        public Refusal elsewhere(TenantId wiki, boolean read) {
            return null;
        }

        @Override
        public boolean writable(TenantId wiki) {
            return true;
        }

        @Override
        public Ticket begin(TenantId wiki) {
            return () -> { };
        }

        @Override
        public String placeNew(TenantId wiki) {
            return self();
        }

        @Override
        public void createOn(String node, Wiki wiki, boolean counted) {
            throw new IllegalStateException("A node alone creates every wiki itself.");
        }

        @Override
        public void arrived(Wiki wiki) {
        }
    };
}
