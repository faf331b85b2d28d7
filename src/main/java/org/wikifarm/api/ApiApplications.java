package org.wikifarm.api;

import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.wikifarm.auth.Accounts;
import org.wikifarm.page.PageService;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.tenant.Wikis;

/** The two JAX-RS applications: the platform API ({@code /api/v1}) and the API inside every wiki. */
public final class ApiApplications {
    private ApiApplications() {
    }

    public static ResourceConfig platform(Accounts accounts, Wikis wikis, OpenWikis openWikis) {
        return base("platform-api")
                .register(new HealthResource(openWikis))
                .register(new AccountResource(accounts))
                .register(new WikiResource(wikis, accounts));
    }

    public static ResourceConfig wiki(PageService pages, Accounts accounts) {
        return base("wiki-api")
                .register(new PageResource(pages, accounts))
                .register(new DraftResource(pages, accounts));
    }

    private static ResourceConfig base(String name) {
        return new ResourceConfig()
                .setApplicationName(name)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .register(JacksonFeature.withoutExceptionMappers())
                .register(JsonMapper.class)
                .register(ErrorMapper.class);
    }
}
