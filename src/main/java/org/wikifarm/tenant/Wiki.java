package org.wikifarm.tenant;

import org.wikifarm.store.TenantId;

import java.time.Instant;

/**
 * A wiki as the platform database knows it.
 *
 * @param ownerId    the owner's user id
 * @param owner      the owner's username, the first URL segment in path mode
 * @param customSlug a farm-wide short name ({@code <custom-slug>.<base>}), or null
 * @param access     who may read, write and upload besides the wiki's members
 */
public record Wiki(TenantId id, long ownerId, Username owner, Slug slug, Slug customSlug, String displayName,
                   AccessLevels access, PaymentStatus paymentStatus, Instant createdAt, Instant lastAccessed,
                   int pageCount) {

    /** A wiki that is public (everyone reads, members write) or members only. */
    public Wiki(TenantId id, long ownerId, Username owner, Slug slug, Slug customSlug, String displayName,
                boolean isPublic, PaymentStatus paymentStatus, Instant createdAt, Instant lastAccessed,
                int pageCount) {
        this(id, ownerId, owner, slug, customSlug, displayName, AccessLevels.of(isPublic), paymentStatus, createdAt,
                lastAccessed, pageCount);
    }

    /** Whether everyone may read it: derived from the read level, never stored apart from it. */
    public boolean isPublic() {
        return access.isPublic();
    }
}
