package org.wikifarm.tenant;

import java.util.Set;

/**
 * The first path segments the platform itself serves, which single-wiki mode keeps beside the wiki at {@code /}.
 * Both sets are derived from the code that serves them (the web layer's servlet mappings and static folders, the
 * platform API's Jersey resources) by the composition root; unit tests there walk the servlets and resources, so
 * the two sets cannot drift from what is served.
 *
 * @param web the first segments of the platform's web routes ({@code admin}, {@code login}, {@code static}, …,
 *            and {@code api}); every other first segment is the wiki's
 * @param api the first segments after {@code /api/v1/} that the platform API serves ({@code me}, {@code wikis},
 *            {@code admin}, …); every other one is the wiki's API
 */
public record PlatformRoutes(Set<String> web, Set<String> api) {
    /** Where the platform API lives; {@code /api/v1/<platform segment>/…} stays the platform's in single mode. */
    public static final String API_PREFIX = "/api/v1/";
    /** The alias of a page inside its wiki that never collides with a platform route: {@code -/page/<path>}. */
    public static final String PAGE_ALIAS = "-/page/";

    public PlatformRoutes {
        web = Set.copyOf(web);
        api = Set.copyOf(api);
    }

    /** Whether a page path (decoded, {@code Folder/Page}) starts with a platform word, so its plain URL is not its. */
    public boolean shadows(String pagePath) {
        int slash = pagePath.indexOf('/');
        return web.contains(slash < 0 ? pagePath : pagePath.substring(0, slash));
    }
}
