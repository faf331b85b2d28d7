package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP answer: status, headers, the body as text and, when the body is JSON, parsed. The {@code expect…}
 * methods assert and return the response, so a failing test prints the request and the whole answer.
 */
public record ApiResponse(String method, String uri, int status, HttpHeaders headers, String body, JsonNode json) {

    public ApiResponse expect(int expectedStatus) {
        assertThat(status).as("status of %s", describe()).isEqualTo(expectedStatus);
        return this;
    }

    /** Asserts a JSON error body: {@code {"error": code, "message": "…"}} with the given status. */
    public ApiResponse expectError(int expectedStatus, String code) {
        expectJsonError(expectedStatus);
        assertThat(json.path("error").asText()).as("error code of %s", describe()).isEqualTo(code);
        return this;
    }

    /** Asserts a JSON error body with any non-blank {@code error} code and a message. */
    public ApiResponse expectJsonError(int expectedStatus) {
        expect(expectedStatus);
        assertThat(header("Content-Type")).as("content type of %s", describe())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json).as("JSON body of %s", describe()).isNotNull();
        assertThat(json.path("error").isTextual()).as("'error' is text in %s", describe()).isTrue();
        assertThat(json.path("error").asText()).as("'error' of %s", describe()).isNotBlank();
        assertThat(json.path("message").isTextual()).as("'message' is text in %s", describe()).isTrue();
        assertThat(json.path("message").asText()).as("'message' of %s", describe()).isNotBlank();
        return this;
    }

    /** A text field of the JSON body, asserting that it is there. */
    public String text(String field) {
        assertThat(json).as("JSON body of %s", describe()).isNotNull();
        JsonNode node = json.path(field);
        assertThat(node.isTextual()).as("'%s' is text in %s", field, describe()).isTrue();
        return node.asText();
    }

    /** The elements of a JSON array field, asserting that it is there. */
    public List<JsonNode> array(String field) {
        assertThat(json).as("JSON body of %s", describe()).isNotNull();
        JsonNode node = json.path(field);
        assertThat(node.isArray()).as("'%s' is an array in %s", field, describe()).isTrue();
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String describe() {
        String shown = body.length() > 2000 ? body.substring(0, 2000) + "…(" + body.length() + " chars)" : body;
        return method + " " + uri + " → " + status + " " + shown;
    }

    @Override
    public String toString() {
        return describe();
    }
}
