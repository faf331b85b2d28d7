package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Caller;

/** {@code /api/v1/users} (sign-up) and {@code /api/v1/me}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class AccountResource {
    private final Accounts accounts;

    @Inject
    public AccountResource(Accounts accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signUp(Dtos.SignUp body) {
        Dtos.SignUp signUp = Requests.body(body);
        var user = accounts.signUp(accounts.current(), signUp.username(), signUp.password(), signUp.email(),
                signUp.displayName());
        return Response.status(201).entity(Dtos.UserJson.of(user)).build();
    }

    @GET
    @Path("me")
    public Dtos.UserJson me() {
        Caller caller = accounts.current();
        return caller.asUser().map(Dtos.UserJson::of)
                .orElseThrow(() -> new WikifarmException.Unauthenticated("Sign in to see your account."));
    }
}
