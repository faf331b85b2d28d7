package org.wikifarm.auth;

import java.time.Instant;
import org.wikifarm.store.TenantId;

/** A bearer token of one wiki: who made it, what it may do there. The secret itself is never kept. */
public record ApiToken(String id, TenantId wiki, String name, Role role, Long createdBy, Instant createdAt,
                       Instant lastUsedAt) {
}
