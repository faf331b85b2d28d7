package org.wikifarm.error;

/**
 * Root of every failure the product reports to a user. Each subclass says which kind of failure it is;
 * {@link ErrorStatus} maps the kind to an HTTP status in one place for REST, MCP and the web UI.
 * The message is shown to people, so it must be readable and must never carry internals.
 */
public abstract class WikifarmException extends RuntimeException {
    private final String code;

    protected WikifarmException(String code, String message) {
        super(message);
        this.code = code;
    }

    protected WikifarmException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A short machine-readable code such as {@code invalid_path} or {@code stale_revision}. */
    public String code() {
        return code;
    }

    /** The request was malformed or broke a rule (HTTP 400). */
    public static class InvalidInput extends WikifarmException {
        public InvalidInput(String code, String message) {
            super(code, message);
        }

        /**
         * Checks one page of a list: {@code limit} 1 to {@code maxItems} ({@code invalid_limit}), {@code offset} 0 or
         * more ({@code invalid_offset}).
         */
        public static void requireListPage(int limit, int offset, int maxItems) {
            if (limit < 1 || limit > maxItems) {
                throw new InvalidInput("invalid_limit", "limit must be 1 to " + maxItems + ".");
            }
            if (offset < 0) {
                throw new InvalidInput("invalid_offset", "offset must be 0 or more.");
            }
        }
    }

    /** Credentials are missing or wrong (HTTP 401). */
    public static class Unauthenticated extends WikifarmException {
        public Unauthenticated(String message) {
            super("unauthenticated", message);
        }
    }

    /** The caller is known but lacks a permission (HTTP 403). */
    public static class Forbidden extends WikifarmException {
        public Forbidden(String message) {
            super("forbidden", message);
        }
    }

    /** The thing asked for does not exist, or the caller may not know it exists (HTTP 404). */
    public static class NotFound extends WikifarmException {
        public NotFound(String code, String message) {
            super(code, message);
        }
    }

    /** The request clashes with the current state, e.g. a stale revision or a taken name (HTTP 409). */
    public static class Conflict extends WikifarmException {
        public Conflict(String code, String message) {
            super(code, message);
        }
    }

    /** The request body or the result would be larger than allowed (HTTP 413). */
    public static class TooLarge extends WikifarmException {
        public TooLarge(String message) {
            super("too_large", message);
        }

        protected TooLarge(String code, String message) {
            super(code, message);
        }
    }

    /**
     * The write would take a wiki over one of its limits, bytes or pages (HTTP 413, like any other "too large"); the
     * message names the usage and the limit.
     */
    public static class QuotaExceeded extends TooLarge {
        public QuotaExceeded(String message) {
            super("quota_exceeded", message);
        }
    }

    /** The caller tried too often and must wait before trying again (HTTP 429). */
    public static class TooManyRequests extends WikifarmException {
        public TooManyRequests(String code, String message) {
            super(code, message);
        }
    }

    /** The service cannot serve this right now, e.g. a wiki whose schema is newer than the code (HTTP 503). */
    public static class Unavailable extends WikifarmException {
        public Unavailable(String code, String message) {
            super(code, message);
        }

        public Unavailable(String code, String message, Throwable cause) {
            super(code, message, cause);
        }
    }
}
