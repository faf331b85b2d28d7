package org.wikifarm.api;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Set;

/**
 * The API's defence against cross-site requests: every request that changes something (POST, PUT, PATCH, DELETE)
 * and whose credentials a browser may attach on its own — a session cookie, a trusted proxy's identity (which a
 * proxy derives from its own cookie), HTTP Basic credentials the browser remembers, or none — must say
 * {@code Content-Type: application/json}, or it is refused with 415 before any resource runs. A page on another site
 * can make a browser send a form or a {@code fetch} "simple request" only with a form, multipart or text/plain body
 * (or none); anything else needs a CORS preflight, which this API never answers. Runs before routing, so it holds for
 * every route, those added later included.
 * <ul>
 *   <li>A POST, PUT or PATCH without a body still needs the JSON type: a body-less POST is a simple request too.</li>
 *   <li>A DELETE without a Content-Type is let through: a browser sends a cross-site DELETE only after a preflight,
 *       and clients do not send a type with no body. A DELETE that does send a type must send JSON.</li>
 *   <li>Requests with a wiki's bearer token are exempt: a browser never attaches a token by itself.</li>
 * </ul>
 */
@Provider
@PreMatching
public final class JsonBodiesOnly implements ContainerRequestFilter {
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (!CHANGING.contains(method) || bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return;
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null && method.equals("DELETE")) {
            return;
        }
        if (!isJson(contentType)) {
            throw new NotSupportedException();
        }
    }

    private static boolean bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.getType().equalsIgnoreCase("application") && type.getSubtype().equalsIgnoreCase("json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
