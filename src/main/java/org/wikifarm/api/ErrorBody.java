package org.wikifarm.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What every error looks like on the wire: {@code {"error": code, "message": text}}, plus details for some. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String currentRevision) {
    public ErrorBody(String error, String message) {
        this(error, message, null);
    }
}
