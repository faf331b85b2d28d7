package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.wikifarm.store.OpenWikis;

/** {@code /api/v1/health}: for load balancers and operators. */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final OpenWikis wikis;

    @Inject
    public HealthResource(OpenWikis wikis) {
        this.wikis = wikis;
    }

    @GET
    public Map<String, Object> health() {
        return Map.of("status", "ok", "open_wikis", wikis.openCount());
    }
}
