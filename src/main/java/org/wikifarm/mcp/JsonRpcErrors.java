package org.wikifarm.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Every HTTP error of the MCP endpoint as a JSON-RPC error body, {@code {"jsonrpc":"2.0","id":null,"error":{"code",
 * "message"}}}, and never a stack trace. Wrapped around the response the SDK's transport writes to, it catches the
 * SDK's own error answers: those serialise the whole {@code McpError} exception, stack trace included (SDK issue 955),
 * or go through {@code sendError} to the container's HTML error page. It also hands over the new session id the
 * moment the SDK sets it, before the answer carrying it is flushed to the client, and drops the {@code Connection:
 * keep-alive} header the SDK sets on event streams: connection reuse is Tomcat's to decide, and that header next to
 * Tomcat's own {@code Connection: close} made clients reuse connections Tomcat was closing.
 */
final class JsonRpcErrors extends HttpServletResponseWrapper {
    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> onSession;
    private int status = SC_OK;
    private StringWriter captured;

    /** @param onSession told the id of a session the SDK creates, or null when none is expected */
    JsonRpcErrors(HttpServletResponse response, Consumer<String> onSession) {
        super(response);
        this.onSession = onSession;
    }

    /** Writes an error of our own. */
    static void write(HttpServletResponse response, int status, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("jsonrpc", "2.0").putNull("id");
        body.putObject("error").put("code", codeFor(status)).put("message", message);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    @Override
    public void setHeader(String name, String value) {
        if ("Connection".equalsIgnoreCase(name)) {
            return;
        }
        if (onSession != null && SESSION_HEADER.equalsIgnoreCase(name) && value != null) {
            onSession.accept(value);
        }
        super.setHeader(name, value);
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
        if (sc < 400) {
            super.setStatus(sc);
        }
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String message) throws IOException {
        status = sc;
        captured = null;
        write((HttpServletResponse) getResponse(), sc, message == null || message.isBlank() ? defaultMessage(sc)
                : safe(message, sc));
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (status >= 400) {
            captured = new StringWriter();
            return new PrintWriter(captured);
        }
        return super.getWriter();
    }

    /** The status the SDK answered (errors included, which this wrapper rewrites). */
    int status() {
        return status;
    }

    /** Rewrites an error body the SDK wrote; call once the SDK's servlet has returned. */
    void finish() throws IOException {
        if (captured == null) {
            return;
        }
        String message = null;
        try {
            JsonNode error = JSON.readTree(captured.toString()).path("jsonRpcError");
            message = error.path("message").isTextual() ? error.path("message").asText() : null;
        } catch (IOException e) {
            message = null;
        }
        captured = null;
        write((HttpServletResponse) getResponse(), status, message == null ? defaultMessage(status)
                : safe(message, status));
    }

    /** The SDK's messages are kept when they only describe the request; details of a failure inside are dropped. */
    static String safe(String message, int status) {
        if (status >= 500) {
            return defaultMessage(status);
        }
        if (message.startsWith("Invalid message format")) {
            return "Invalid message format: the body must be one JSON-RPC 2.0 message.";
        }
        boolean internal = message.contains("Exception") || message.contains("\tat ") || message.contains("\n");
        return internal || message.length() > 300 ? defaultMessage(status) : message;
    }

    static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "The request is not a valid MCP request.";
            case 401 -> "A bearer token of this wiki is required.";
            case 403 -> "Forbidden.";
            case 404 -> "Session not found; initialize a new session.";
            case 405 -> "Use POST, GET or DELETE.";
            case 406 -> "Accept application/json and text/event-stream.";
            case 413 -> "The request is too large.";
            case 415 -> "Send Content-Type: application/json.";
            case 429 -> "Too many sessions; try again later.";
            default -> status >= 500 ? "Internal error; it has been logged." : "The request could not be served.";
        };
    }

    private static int codeFor(int status) {
        if (status == 400 || status == 406 || status == 415) {
            return -32600;
        }
        return status >= 500 ? -32603 : -32000;
    }
}
