package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

import java.time.Instant;

/**
 * A wiki as the platform database knows it.
 *
 * @param ownerId    the owner's user id
 * @param owner      the owner's username, the first URL segment in path mode
 * @param customSlug a farm-wide short name ({@code <custom-slug>.<base>}), or null
 */
public record Wiki(TenantId id, long ownerId, Username owner, Slug slug, Slug customSlug, String displayName,
                   boolean isPublic, PaymentStatus paymentStatus, Instant createdAt, Instant lastAccessed,
                   int pageCount) {
}
