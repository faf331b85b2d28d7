package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

import java.util.Optional;

/**
 * The wiki of the request being served on this thread. Set by {@link TenantFilter} and always cleared in its
 * {@code finally}; never a global swap, never a default. Code that works outside a request (jobs, the CLI)
 * passes a {@link TenantId} explicitly instead.
 */
public final class CurrentTenant {
    /** The request attribute that also carries the tenant, for views and for work handed to other threads. */
    public static final String ATTRIBUTE = CurrentTenant.class.getName();
    private static final ThreadLocal<Tenant> CURRENT = new ThreadLocal<>();

    private CurrentTenant() {
    }

    public static Optional<Tenant> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void set(Tenant tenant) {
        CURRENT.set(tenant);
    }

    static void clear() {
        CURRENT.remove();
    }
}
