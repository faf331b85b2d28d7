package org.wikifarm.tenant;

/** Where a request goes, as decided by {@link TenantResolver}. */
public sealed interface Route {
    /** A platform page or API call, not inside any wiki. */
    record Platform() implements Route {
    }

    /**
     * A request inside a wiki.
     *
     * @param remainder the raw (still percent-encoded) path inside the wiki, starting with {@code /}, or empty
     */
    record InWiki(Tenant tenant, String remainder) implements Route {
    }

    /** The wiki lives at another address; answer 301. */
    record Redirect(String location) implements Route {
    }

    /** No wiki by that name (or no wiki at all on that host): answer 404, never fall back to another wiki. */
    record NotFound() implements Route {
    }
}
