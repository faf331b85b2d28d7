package org.wikifarm.error;

import java.io.IOException;

/**
 * Thrown while reading a request body that grows past the limit (the servlet filter in front of every door counts
 * the bytes); an {@link IOException}, as it comes out of the body's stream. Every door answers it with 413.
 */
public final class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long maxBytes) {
        super(message(maxBytes));
    }

    /** What the 413 says, whether the body was refused by its Content-Length or while it was read. */
    public static String message(long maxBytes) {
        return "The request body is larger than the limit of " + maxBytes + " bytes.";
    }
}
