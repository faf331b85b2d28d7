package org.wikifarm.tenant;

/**
 * A wiki's three access levels, stored once, in its row of the platform database. "Public" is not stored: a wiki is
 * public when everyone may read it.
 */
public record AccessLevels(AccessLevel read, AccessLevel write, AccessLevel attachment) {
    /** A new wiki lets only its members in. */
    public static final AccessLevels MEMBERS_ONLY = new AccessLevels(AccessLevel.APPROVED, AccessLevel.APPROVED,
            AccessLevel.APPROVED);
    /** A new public wiki: everyone reads, members write. */
    public static final AccessLevels PUBLIC = new AccessLevels(AccessLevel.ANONYMOUS, AccessLevel.APPROVED,
            AccessLevel.APPROVED);

    public AccessLevels {
        if (read == null || write == null || attachment == null) {
            throw new IllegalArgumentException("every access level is needed");
        }
    }

    /** What a new wiki starts with. */
    public static AccessLevels of(boolean isPublic) {
        return isPublic ? PUBLIC : MEMBERS_ONLY;
    }

    public boolean isPublic() {
        return read == AccessLevel.ANONYMOUS;
    }
}
