package org.wikifarm.tenant;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides which wiki a request is for, from its host and path alone.
 * <ul>
 *   <li>Path mode (no base domain): {@code /<username>/<wiki>/…}.</li>
 *   <li>Host mode (base domain {@code farm.example}): {@code <username>.farm.example/<wiki>/…},
 *       {@code <custom-slug>.farm.example/…}, and custom domains mapped to a wiki. {@code www.} and {@code api.}
 *       in front of any of these reach the same wiki. The base domain itself serves the platform.</li>
 * </ul>
 * A first path segment that is reserved or cannot be a username is a platform route, so platform routes and
 * users can never collide. Anything that names no wiki is {@link Route.NotFound} — there is no default wiki.
 * <p>Single-wiki mode ({@link #single}) is the custom domain's shape on every host: the one wiki at {@code /},
 * except the platform's own routes ({@link PlatformRoutes}), and the platform alone until a wiki exists.
 */
public final class TenantResolver {
    private static final String GIT_SUFFIX = ".git";
    private final String baseDomain;
    private final WikiDirectory directory;
    private final Supplier<Optional<Wiki>> single;
    private final PlatformRoutes platform;

    /** @param baseDomain lowercase base domain for host mode, or null for path mode */
    public TenantResolver(String baseDomain, WikiDirectory directory) {
        this(baseDomain, directory, null, null);
    }

    private TenantResolver(String baseDomain, WikiDirectory directory, Supplier<Optional<Wiki>> single,
                           PlatformRoutes platform) {
        this.baseDomain = baseDomain;
        this.directory = directory;
        this.single = single;
        this.platform = platform;
    }

    /**
     * Single-wiki mode: the wiki {@code single} answers ({@link SingleWiki#current}) at {@code /} on every host; the
     * first segments of {@code platform} stay the platform's ({@code /api/v1/<segment>} too when the platform API
     * serves that segment). No wiki yet: everything is the platform's.
     */
    public static TenantResolver single(WikiDirectory directory, Supplier<Optional<Wiki>> single,
                                        PlatformRoutes platform) {
        return new TenantResolver(null, directory, single, platform);
    }

    /** Whether this is single-wiki mode. */
    public boolean singleMode() {
        return single != null;
    }

    /**
     * @param host  the Host header (any case, maybe with a port)
     * @param path  the raw request path inside the web application, starting with {@code /}
     * @param query the raw query string or null (kept on redirects)
     */
    public Route resolve(String host, String path, String query) {
        if (single != null) {
            return resolveSingle(path);
        }
        if (baseDomain == null) {
            return resolveUserPath(path, "");
        }
        String name = normalizeHost(host);
        if (name.equals(baseDomain) || name.equals("www." + baseDomain) || name.equals("api." + baseDomain)) {
            return new Route.Platform();
        }
        if (name.endsWith("." + baseDomain)) {
            return resolveSubdomain(stripSharedPrefix(name.substring(0, name.length() - baseDomain.length() - 1)),
                    path, query);
        }
        return directory.findByDomain(stripSharedPrefix(name))
                .<Route>map(wiki -> new Route.InWiki(new Tenant(wiki, ""), path))
                .orElseGet(Route.NotFound::new);
    }

    /**
     * The base URL of a wiki: {@code /alice/notes} in path mode; {@code //alice.<base>/notes} or
     * {@code //<custom-slug>.<base>} in host mode (scheme-relative, so it works behind http and https); {@code ""}
     * for the wiki single-wiki mode serves (another wiki of its data folder keeps its path-mode address, unserved).
     */
    public String baseUrl(Wiki wiki) {
        if (single != null && single.get().map(served -> served.id().equals(wiki.id())).orElse(false)) {
            return "";
        }
        if (baseDomain == null) {
            return "/" + wiki.owner().value() + "/" + wiki.slug().value();
        }
        if (wiki.customSlug() != null) {
            return "//" + wiki.customSlug().value() + "." + baseDomain;
        }
        return "//" + wiki.owner().value() + "." + baseDomain + "/" + wiki.slug().value();
    }

    private Route resolveSingle(String path) {
        Optional<Wiki> wiki = single.get();
        if (wiki.isEmpty() || platformPath(path)) {
            return new Route.Platform();
        }
        return new Route.InWiki(new Tenant(wiki.get(), "", platform), path);
    }

    /** In single mode: whether a raw path is one of the platform's routes rather than the wiki's. */
    private boolean platformPath(String path) {
        String first = splitFirst(path)[0];
        if (!first.equals("api")) {
            return platform.web().contains(first);
        }
        if (!path.startsWith(PlatformRoutes.API_PREFIX)) {
            return true;
        }
        return platform.api().contains(splitFirst(path.substring(PlatformRoutes.API_PREFIX.length() - 1))[0]);
    }

    private Route resolveSubdomain(String label, String path, String query) {
        if (!NameRules.isValid(label)) {
            return new Route.NotFound();
        }
        Username user = new Username(label);
        if (directory.userExists(user)) {
            Route route = resolveWikiSegment(user, path, "");
            if (route instanceof Route.InWiki inWiki && inWiki.tenant().wiki().customSlug() != null) {
                return new Route.Redirect(customSlugUrl(inWiki, query));
            }
            return route;
        }
        return directory.findByCustomSlug(new Slug(label))
                .<Route>map(wiki -> new Route.InWiki(new Tenant(wiki, ""), path))
                .orElseGet(Route.NotFound::new);
    }

    /** Path mode: the first segment is a username unless it is a platform route. */
    private Route resolveUserPath(String path, String prefix) {
        String[] split = splitFirst(path);
        if (!NameRules.isValid(split[0])) {
            return new Route.Platform();
        }
        return resolveWikiSegment(new Username(split[0]), split[1], prefix + "/" + split[0]);
    }

    /** {@code /<wiki>/…} after the user; {@code /<wiki>.git/…} is the wiki's git endpoint ({@code /.git/…} in it). */
    private Route resolveWikiSegment(Username user, String path, String prefix) {
        String[] split = splitFirst(path);
        String segment = split[0];
        String remainder = split[1];
        if (segment.endsWith(GIT_SUFFIX) && NameRules.isValid(segment.substring(0, segment.length() - 4))) {
            segment = segment.substring(0, segment.length() - 4);
            remainder = WikiForwardFilter.GIT + remainder;
        }
        if (!NameRules.isValid(segment)) {
            return new Route.NotFound();
        }
        String slug = segment;
        String rest = remainder;
        Optional<Wiki> wiki = directory.findByOwnerAndSlug(user, new Slug(slug));
        return wiki.<Route>map(w -> new Route.InWiki(new Tenant(w, prefix + "/" + slug), rest))
                .orElseGet(Route.NotFound::new);
    }

    /**
     * The URL {@code git clone} takes for a wiki: its base URL with {@code .git} appended ({@code /alice/notes.git},
     * {@code //alice.<base>/notes.git}), or {@code /.git} under a host of its own ({@code //<custom-slug>.<base>/.git}).
     */
    public String gitUrl(Wiki wiki) {
        String base = baseUrl(wiki);
        return base.endsWith("/" + wiki.slug().value()) ? base + GIT_SUFFIX : base + WikiForwardFilter.GIT;
    }

    private String customSlugUrl(Route.InWiki inWiki, String query) {
        String location = "//" + inWiki.tenant().wiki().customSlug().value() + "." + baseDomain
                + (inWiki.remainder().isEmpty() ? "/" : inWiki.remainder());
        return query == null ? location : location + "?" + query;
    }

    /** {@code /alice/notes/x} → {@code ["alice", "/notes/x"]}; {@code /alice} → {@code ["alice", ""]}. */
    private static String[] splitFirst(String path) {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        int slash = rest.indexOf('/');
        return slash < 0 ? new String[] {rest, ""} : new String[] {rest.substring(0, slash), rest.substring(slash)};
    }

    static String normalizeHost(String host) {
        if (host == null) {
            return "";
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            return name;
        }
        int colon = name.indexOf(':');
        name = colon < 0 ? name : name.substring(0, colon);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String stripSharedPrefix(String name) {
        if (name.startsWith("www.") || name.startsWith("api.")) {
            return name.substring(4);
        }
        return name;
    }
}
