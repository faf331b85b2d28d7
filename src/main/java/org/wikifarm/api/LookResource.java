package org.wikifarm.api;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.wikifarm.auth.Accounts;
import org.wikifarm.look.Look;
import org.wikifarm.look.Looks;
import org.wikifarm.tenant.Wiki;

/** {@code <wiki>/api/v1/look}: the wiki's home page, menu and extra CSS (its administrators only). */
@Path("look")
@Produces(MediaType.APPLICATION_JSON)
public final class LookResource {
    private final Accounts accounts;
    private final Looks looks;

    @Inject
    public LookResource(Accounts accounts, Looks looks) {
        this.accounts = accounts;
        this.looks = looks;
    }

    /** The look as JSON: the menu both as links and as the text it is written in. */
    record LookJson(String homePage, String menu, List<LinkJson> links, String css) {
        static LookJson of(Look look) {
            return new LookJson(look.homePage().value(), look.menuText(),
                    look.menu().stream().map(link -> new LinkJson(link.label(), link.target(), link.external()))
                            .toList(), look.css());
        }
    }

    record LinkJson(String label, String target, boolean external) {
    }

    record LookChange(String homePage, String menu, String css) {
    }

    @GET
    @Operation(summary = "The wiki's look: home page, menu, extra CSS")
    public LookJson get() {
        return LookJson.of(looks.get(accounts.current(), wiki()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the wiki's look; each field given replaces what was there")
    public LookJson change(LookChange body) {
        LookChange change = Requests.body(body);
        return LookJson.of(looks.update(accounts.current(), wiki(),
                new Looks.Change(change.homePage(), change.menu(), change.css())));
    }

    private static Wiki wiki() {
        return Requests.tenant().wiki();
    }
}
