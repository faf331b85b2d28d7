package org.wikifarm.node;

import org.wikifarm.store.TenantId;

/**
 * The load balancer in front of the nodes, told where a wiki lives as soon as that changes (a wiki created or moved
 * in): {@link HaproxyRoutes} through HAProxy's runtime API; {@link #NONE} when there is none to tell (one node, or a
 * proxy whose map the operator regenerates: {@code wikifarm proxy-map}).
 */
public interface ProxyRoutes {
    /** Sends the wiki's requests to {@code node} from now on; throws when the proxy cannot be told. */
    void point(TenantId wiki, String node);

    ProxyRoutes NONE = (wiki, node) -> { };
}
