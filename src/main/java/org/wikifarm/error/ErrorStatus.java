package org.wikifarm.error;

/** The one mapping from a failure to an HTTP status, shared by the REST API, MCP and the web UI. */
public final class ErrorStatus {
    /**
     * A request attribute naming the error code of a {@code sendError} that is meant for the client as it is (the
     * error page shows its message and this code, even for a 5xx): e.g. a wiki held by another node.
     */
    public static final String CODE_ATTRIBUTE = "wikifarm.error.code";

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

    /**
     * How many seconds a client should wait before trying again ({@code Retry-After}), for the failures that pass by
     * themselves: a wiki being upgraded by an administrator (60), restored from a snapshot (5) or moved to another
     * node (5), a wiki answering as many searches as it may (1); otherwise 0.
     */
    public static int retryAfterSeconds(Throwable failure) {
        if (failure instanceof WikifarmException.TooManyRequests busy && "search_busy".equals(busy.code())) {
            return 1;
        }
        if (failure instanceof WikifarmException.Unavailable unavailable) {
            return switch (unavailable.code()) {
                case "wiki_upgrading" -> 60;
                case "wiki_restoring", "wiki_moving" -> 5;
                default -> 0;
            };
        }
        return 0;
    }
}
