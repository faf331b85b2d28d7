package org.wikifarm.tenant;

import java.util.EnumSet;
import java.util.Set;
import org.wikifarm.store.TenantId;

/**
 * Which wikis a listing shows: the rule is {@code auth.Permissions}' (a listing shows exactly the wikis the caller
 * may read); this only carries it to the query.
 *
 * @param all        every wiki
 * @param levels     wikis that let these levels in to read, write or upload (writing and uploading imply reading)
 * @param member     the id of a person whose own wikis and wikis with a role are listed too, or null
 * @param only       nothing but this wiki (a token's own), or null
 */
public record ReadableBy(boolean all, Set<AccessLevel> levels, Long member, TenantId only) {
    public ReadableBy {
        levels = levels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(levels));
    }

    public static ReadableBy everything() {
        return new ReadableBy(true, Set.of(), null, null);
    }

    public static ReadableBy nothing() {
        return new ReadableBy(false, Set.of(), null, null);
    }

    public static ReadableBy only(TenantId wiki) {
        return new ReadableBy(false, Set.of(), null, wiki);
    }

    public static ReadableBy open(Set<AccessLevel> levels, Long member) {
        return new ReadableBy(false, levels, member, null);
    }
}
