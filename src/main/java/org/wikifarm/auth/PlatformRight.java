package org.wikifarm.auth;

/**
 * What someone may do on the platform itself, outside any one wiki. {@link Permissions#may(Caller, PlatformRight)}
 * decides: a platform admin holds every right, anyone signed in may create wikis, nobody else holds any.
 */
public enum PlatformRight {
    /** See the admin screen and its lists of users and wikis. */
    ADMIN_AREA("Sign in as a platform administrator."),
    /** See the process's resources and counters on the health endpoint. */
    HEALTH_DETAILS("Sign in as a platform administrator."),
    /** Make or unmake platform admins, disable or enable accounts. */
    MANAGE_USERS("Sign in as a platform administrator."),
    /** Set a wiki's payment status. */
    SET_PAYMENT_STATUS("Sign in as a platform administrator."),
    /** Open or close sign-up. */
    SWITCH_SIGNUP("Sign in as a platform administrator."),
    /** Register a wiki's custom domains (a registered domain is trusted with sign-in redirects and tickets). */
    MANAGE_DOMAINS("Sign in as a platform administrator."),
    /** Set a wiki's own limits (quota on bytes and pages) instead of the defaults. */
    SET_QUOTAS("Sign in as a platform administrator."),
    /** Add accounts while sign-up is closed. */
    ADD_ACCOUNTS("Sign in as a platform administrator."),
    /** Close open wikis nobody is using (one, or every idle one), so their files and search indexes are let go. */
    CLOSE_WIKIS("Sign in as a platform administrator."),
    /** Choose the wiki {@code /} takes visitors to who have none of their own ({@code tenant.InstanceSelector}). */
    SET_DEFAULT_WIKI("Sign in as a platform administrator."),
    /** See the farm's nodes and move wikis between them (docs/scale-out.md). */
    MOVE_WIKIS("Sign in as a platform administrator."),
    /** See wikis by schema version and migrate their databases (one, or all, with {@code migrations = admin}). */
    MIGRATE_WIKIS("Sign in as a platform administrator."),
    /** Own any number of wikis: not counted against {@code wikisPerAccount}. */
    UNCOUNTED_WIKIS("Sign in as a platform administrator."),
    /** Create a wiki (and become its owner). */
    CREATE_WIKI("Sign in to create a wiki.");

    private final String signIn;

    PlatformRight(String signIn) {
        this.signIn = signIn;
    }

    /** What an anonymous caller is told (401). */
    String signIn() {
        return signIn;
    }
}
