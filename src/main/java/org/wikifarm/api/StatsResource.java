package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.wikifarm.auth.Accounts;
import org.wikifarm.usage.UsageService;

/** {@code GET <wiki>/api/v1/stats}: what the wiki holds and may hold, for anyone who may read it. */
@Path("stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {
    private final UsageService usage;
    private final Accounts accounts;

    @Inject
    public StatsResource(UsageService usage, Accounts accounts) {
        this.usage = usage;
        this.accounts = accounts;
    }

    @GET
    public Dtos.StatsJson stats() {
        return Dtos.StatsJson.of(usage.stats(accounts.current(), Requests.tenant().wiki()));
    }
}
