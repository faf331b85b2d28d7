package org.wikifarm.error;

/** The one mapping from a failure to an HTTP status, shared by the REST API, MCP and the web UI. */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    public static int of(Throwable failure) {
        if (failure instanceof WikifarmException.InvalidInput) {
            return 400;
        }
        if (failure instanceof WikifarmException.Unauthenticated) {
            return 401;
        }
        if (failure instanceof WikifarmException.Forbidden) {
            return 403;
        }
        if (failure instanceof WikifarmException.NotFound) {
            return 404;
        }
        if (failure instanceof WikifarmException.Conflict) {
            return 409;
        }
        if (failure instanceof WikifarmException.TooLarge) {
            return 413;
        }
        if (failure instanceof WikifarmException.TooManyRequests) {
            return 429;
        }
        if (failure instanceof WikifarmException.Unavailable) {
            return 503;
        }
        return 500;
    }
}
