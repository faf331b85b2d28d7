package org.wikifarm.api;

import java.util.List;
import java.util.Set;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.wikifarm.config.Settings;
import org.wikifarm.auth.Accounts;
import org.wikifarm.look.Looks;
import org.wikifarm.auth.Members;
import org.wikifarm.auth.PlatformAdmin;
import org.wikifarm.auth.Tokens;
import org.wikifarm.auth.WikiCatalog;
import org.wikifarm.auth.WikiSettings;
import org.wikifarm.node.NodeService;
import org.wikifarm.page.PageService;
import org.wikifarm.search.SearchService;
import org.wikifarm.snapshot.SchemaMigrations;
import org.wikifarm.snapshot.SnapshotService;
import org.wikifarm.usage.UsageService;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.tenant.TenantResolver;

/** The two JAX-RS applications: the platform API ({@code /api/v1}) and the API inside every wiki. */
public final class ApiApplications {
    /** Every resource of the platform API ({@code /api/v1}); tests walk every route of these. */
    public static final List<Class<?>> PLATFORM_RESOURCES = List.of(HealthResource.class, AccountResource.class,
            WikiResource.class, AdminResource.class, AdminUsageResource.class, OpenWikisResource.class,
            AdminSchemasResource.class, AdminNodesResource.class, OpenApiResource.class);

    /** Every resource of the API inside each wiki ({@code <wiki>/api/v1}). */
    public static final List<Class<?>> WIKI_RESOURCES = List.of(PageResource.class, AttachmentResource.class,
            DraftResource.class, SearchResource.class, WikiAdminResource.class, StatsResource.class,
            SnapshotResource.class, OpenApiResource.class, LookResource.class);

    /**
     * The first segments after {@code /api/v1/} that only the platform API serves, read from the {@code @Path}s of
     * the resources only it has ({@code OpenApiResource} is in both: in single-wiki mode {@code /api/v1/openapi.json}
     * is the wiki's). Single-wiki mode sends {@code /api/v1/<one of these>/…} to the platform API and every other
     * {@code /api/v1/…} to the wiki's; {@code ApiApplicationsTest} walks Jersey's model of every route against it.
     */
    public static final Set<String> PLATFORM_SEGMENTS = platformSegments();

    /** The services the resources are given (the application's singletons). */
    public record Services(Accounts accounts, WikiCatalog wikis, OpenWikis openWikis, PageService pages,
                           SearchService search, TenantResolver resolver, WikiSettings wikiSettings, Members members,
                           Tokens tokens, Settings.Limits limits, PlatformAdmin platformAdmin, UsageService usage,
                           Looks looks, SnapshotService snapshots, SchemaMigrations migrations,
                           NodeService nodes) {
    }

    private ApiApplications() {
    }

    private static Set<String> platformSegments() {
        Set<String> segments = new java.util.TreeSet<>();
        for (Class<?> resource : PLATFORM_RESOURCES) {
            if (WIKI_RESOURCES.contains(resource)) {
                continue;
            }
            String path = firstSegment(resource.getAnnotation(jakarta.ws.rs.Path.class).value());
            if (!path.isEmpty()) {
                segments.add(path);
                continue;
            }
            for (java.lang.reflect.Method method : resource.getMethods()) {
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                if (sub != null) {
                    segments.add(firstSegment(sub.value()));
                }
            }
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.contains("{")) {
                throw new IllegalStateException("A platform API route must start with a fixed segment: " + segment);
            }
        }
        return Set.copyOf(segments);
    }

    /** {@code "/admin/wikis/{id}"} → {@code "admin"}; {@code "/"} → {@code ""}. */
    private static String firstSegment(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    public static ResourceConfig platform(Services services) {
        return base("platform-api", services, new ApiDescription("Wikifarm platform API", "/api/v1",
                PLATFORM_RESOURCES)).registerClasses(Set.copyOf(PLATFORM_RESOURCES));
    }

    public static ResourceConfig wiki(Services services) {
        return base("wiki-api", services, new ApiDescription("Wikifarm wiki API", ".", WIKI_RESOURCES))
                .registerClasses(Set.copyOf(WIKI_RESOURCES));
    }

    /** Resources are created per request; the services they need are the application's singletons. */
    private static ResourceConfig base(String name, Services app, ApiDescription description) {
        return new ResourceConfig()
                .setApplicationName(name)
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(app.accounts()).to(Accounts.class);
                        bind(app.wikis()).to(WikiCatalog.class);
                        bind(app.openWikis()).to(OpenWikis.class);
                        bind(app.pages()).to(PageService.class);
                        bind(app.search()).to(SearchService.class);
                        bind(app.resolver()).to(TenantResolver.class);
                        bind(app.wikiSettings()).to(WikiSettings.class);
                        bind(app.members()).to(Members.class);
                        bind(app.tokens()).to(Tokens.class);
                        bind(app.limits()).to(Settings.Limits.class);
                        bind(app.platformAdmin()).to(PlatformAdmin.class);
                        bind(app.usage()).to(UsageService.class);
                        bind(app.looks()).to(Looks.class);
                        bind(app.snapshots()).to(SnapshotService.class);
                        bind(app.migrations()).to(SchemaMigrations.class);
                        bind(app.nodes()).to(NodeService.class);
                        bind(description).to(ApiDescription.class);
                    }
                })
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .register(JacksonFeature.withoutExceptionMappers())
                .register(JsonMapper.class)
                .register(JsonBodiesOnly.class)
                .register(StrictUtf8.class)
                .register(ErrorMapper.class);
    }
}
