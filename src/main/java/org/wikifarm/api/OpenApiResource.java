package org.wikifarm.api;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code openapi.json} of both APIs ({@code /api/v1/openapi.json}, {@code <wiki>/api/v1/openapi.json}): what the
 * routes are, for anyone, signed in or not. It describes, it reveals nothing stored; see {@link ApiDescription}.
 */
@Path("openapi.json")
public final class OpenApiResource {
    private final ApiDescription description;

    @Inject
    public OpenApiResource(ApiDescription description) {
        this.description = description;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This API's OpenAPI 3 document (anonymous access; the same for every wiki)")
    public String document() {
        return description.json();
    }
}
