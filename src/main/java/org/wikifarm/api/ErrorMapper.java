package org.wikifarm.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.error.BodyTooLargeException;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.CredentialsFilter;
import org.wikifarm.page.StaleRevisionException;
import org.wikifarm.tenant.CurrentTenant;

/** Turns every failure into a JSON error with the right status; internals are logged, never sent. */
@Provider
public final class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        BodyTooLargeException tooLarge = find(failure, BodyTooLargeException.class);
        if (tooLarge != null) {
            return json(413, new ErrorBody("too_large", tooLarge.getMessage()));
        }
        if (failure instanceof WikifarmException known) {
            return wikifarm(known);
        }
        JsonProcessingException json = find(failure, JsonProcessingException.class);
        if (json != null) {
            return json(400, new ErrorBody("invalid_json", describe(json)));
        }
        if (failure instanceof WebApplicationException web) {
            return route(web.getResponse().getStatus());
        }
        LOG.error("Unexpected failure", failure);
        return json(500, new ErrorBody("internal_error", "Something went wrong on our side; it has been logged."));
    }

    private static Response wikifarm(WikifarmException known) {
        int status = ErrorStatus.of(known);
        if (status == 503 && ErrorStatus.retryAfterSeconds(known) > 0) {
            // A refusal that passes by itself (a wiki being moved, restored or upgraded): no fault, no stack trace.
            LOG.info("Refused for now ({}): {}", known.code(), known.getMessage());
        } else if (status >= 500) {
            LOG.error("Service failure: {}", known.getMessage(), known);
        }
        String current = known instanceof StaleRevisionException stale ? stale.currentRevision() : null;
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(known.code(), known.getMessage(), current));
        if (ErrorStatus.retryAfterSeconds(known) > 0) {
            response.header(HttpHeaders.RETRY_AFTER, ErrorStatus.retryAfterSeconds(known));
        }
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE,
                    CredentialsFilter.challenge(CurrentTenant.get().orElse(null)));
        }
        return response.build();
    }

    private static Response route(int status) {
        return switch (status) {
            case 404 -> json(404, new ErrorBody("not_found", "There is no such API route."));
            case 405 -> json(405, new ErrorBody("method_not_allowed", "This route does not accept that method."));
            case 406 -> json(406, new ErrorBody("not_acceptable", "The API answers in JSON only."));
            case 415 -> json(415, new ErrorBody("unsupported_media_type",
                    "Send a JSON body with Content-Type: application/json."));
            default -> json(status, new ErrorBody("http_" + status, "The request could not be served."));
        };
    }

    private static String describe(JsonProcessingException json) {
        String original = json.getOriginalMessage();
        if (original != null && original.contains("UTF-8")) {
            return "The body is not valid UTF-8.";
        }
        if (json instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'.";
        }
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "Field '" + field + "' has the wrong type or value.";
        }
        return "The body is not valid JSON.";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    static Response json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
