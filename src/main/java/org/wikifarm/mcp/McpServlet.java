package org.wikifarm.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.wikifarm.error.BodyTooLargeException;
import org.wikifarm.auth.Accounts;
import org.wikifarm.auth.Caller;
import org.wikifarm.tenant.CurrentTenant;
import org.wikifarm.tenant.Tenant;

/**
 * The front door of every wiki's {@code <base>/mcp}, in front of the SDK's transport servlet. In order: the Origin
 * check (403), the caller must be a bearer token of this wiki (401), a request naming a session must come from the
 * token and wiki that opened it and the session must not have expired (404, as for a session that does not exist),
 * an {@code initialize} must find room for one more session ({@link SessionBinding}: the token's least recently used
 * session is ended, or 429 with Retry-After when the server is full), then the SDK serves the request with the caller
 * in its transport context. {@code resources/list} is answered here (see {@link PageResources}). Every error body is
 * a JSON-RPC error without internals ({@link JsonRpcErrors}).
 */
final class McpServlet extends HttpServlet {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient HttpServlet transport;
    private final transient Accounts accounts;
    private final transient OriginPolicy origins;
    private final transient SessionBinding sessions;
    private final transient SdkSessions sdkSessions;
    private final transient PageResources resources;
    private final transient McpJsonMapper json;
    private final int maxBodyBytes;

    McpServlet(HttpServlet transport, Accounts accounts, OriginPolicy origins, SessionBinding sessions,
               PageResources resources, McpJsonMapper json, int maxBodyBytes) {
        this.transport = transport;
        this.accounts = accounts;
        this.origins = origins;
        this.sessions = sessions;
        this.sdkSessions = new SdkSessions(transport);
        this.resources = resources;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Tenant tenant = request.getAttribute(CurrentTenant.ATTRIBUTE) instanceof Tenant t ? t : null;
        if (tenant == null) {
            JsonRpcErrors.write(response, 404, "There is no such wiki.");
            return;
        }
        if (!origins.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            JsonRpcErrors.write(response, 403, "Invalid Origin header: a browser page may use this endpoint only from"
                    + " the wiki's own address.");
            return;
        }
        Caller who = accounts.current();
        WikiCaller caller = McpAuth.caller(who, tenant).orElse(null);
        if (caller == null) {
            McpAuth.refuse(response, tenant, who);
            return;
        }
        request.setAttribute(WikiCaller.ATTRIBUTE, caller);
        SessionBinding.Owner owner = new SessionBinding.Owner(tenant.id(), caller.caller().token().id());
        switch (request.getMethod()) {
            case "POST" -> post(request, response, caller, owner);
            case "GET", "DELETE" -> {
                String sessionId = request.getHeader(JsonRpcErrors.SESSION_HEADER);
                if (sessionId != null && !usable(sessionId, owner, request, response)) {
                    refuseSession(response);
                    return;
                }
                JsonRpcErrors errors = new JsonRpcErrors(response, null);
                transport.service(request, errors);
                errors.finish();
                if (sessionId != null && ("DELETE".equals(request.getMethod()) && response.getStatus() == 200
                        || errors.status() == 404)) {
                    sessions.forget(sessionId);
                }
            }
            default -> {
                response.setHeader("Allow", "GET, POST, DELETE");
                JsonRpcErrors.write(response, 405, JsonRpcErrors.defaultMessage(405));
            }
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response, WikiCaller caller,
                      SessionBinding.Owner owner) throws ServletException, IOException {
        byte[] body;
        try {
            body = readBody(request);
        } catch (BodyTooLargeException | TooLarge e) {
            JsonRpcErrors.write(response, 413, JsonRpcErrors.defaultMessage(413));
            return;
        }
        JsonNode message = parse(body);
        String method = message.path("method").asText("");
        String sessionId = request.getHeader(JsonRpcErrors.SESSION_HEADER);
        boolean initialize = "initialize".equals(method);
        if (initialize) {
            initialize(request, response, owner, body);
            return;
        }
        if (sessionId != null && !usable(sessionId, owner, request, response)) {
            refuseSession(response);
            return;
        }
        if ("resources/list".equals(method) && sessionId != null && message.has("id") && acceptsBoth(request)) {
            listResources(response, caller, message);
            return;
        }
        JsonRpcErrors errors = new JsonRpcErrors(response, null);
        transport.service(new BufferedRequest(request, body), errors);
        errors.finish();
        if (sessionId != null && errors.status() == 404) {
            sessions.forget(sessionId);
        }
    }

    /**
     * A new session, if there is room: the sessions the binding lets go for it are ended in the SDK first, and the
     * place is given back if the SDK makes no session after all.
     */
    private void initialize(HttpServletRequest request, HttpServletResponse response, SessionBinding.Owner owner,
                            byte[] body) throws ServletException, IOException {
        SessionBinding.Admission admission;
        try {
            admission = sessions.admit(owner);
        } catch (SessionBinding.Full full) {
            response.setHeader("Retry-After", Long.toString(full.retryAfterSeconds()));
            JsonRpcErrors.write(response, 429, full.getMessage());
            return;
        }
        sdkSessions.end(admission.toEnd(), request, response);
        AtomicBoolean bound = new AtomicBoolean();
        JsonRpcErrors errors = new JsonRpcErrors(response, id -> {
            sessions.bind(id, owner);
            bound.set(true);
        });
        try {
            transport.service(new BufferedRequest(request, body), errors);
            errors.finish();
        } finally {
            if (!bound.get()) {
                sessions.release(owner);
            }
        }
    }

    /** Whether the session may serve this request; an expired one is ended in the SDK as well. */
    private boolean usable(String sessionId, SessionBinding.Owner owner, HttpServletRequest request,
                           HttpServletResponse response) {
        SessionBinding.Use use = sessions.use(sessionId, owner);
        if (use == SessionBinding.Use.EXPIRED) {
            sdkSessions.end(List.of(sessionId), request, response);
        }
        return use == SessionBinding.Use.ALLOWED;
    }

    private void listResources(HttpServletResponse response, WikiCaller caller, JsonNode message) throws IOException {
        Object id = json.convertValue(message.get("id"), Object.class);
        McpSchema.JSONRPCResponse answer;
        try {
            JsonNode cursor = message.path("params").path("cursor");
            answer = McpSchema.JSONRPCResponse.result(id, resources.list(caller, cursor.isTextual()
                    ? cursor.asText() : null));
        } catch (McpError error) {
            answer = McpSchema.JSONRPCResponse.error(id, error.getJsonRpcError());
        } catch (RuntimeException failure) {
            getServletContext().log("resources/list failed", failure);
            answer = McpSchema.JSONRPCResponse.error(id, new McpSchema.JSONRPCResponse.JSONRPCError(
                    McpSchema.ErrorCodes.INTERNAL_ERROR, JsonRpcErrors.defaultMessage(500)));
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(answer));
    }

    private static void refuseSession(HttpServletResponse response) throws IOException {
        JsonRpcErrors.write(response, 404, "Session not found: it has ended, expired, or was opened by another token"
                + " or on another wiki. Initialize a new session.");
    }

    private static boolean acceptsBoth(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json") && accept.contains("text/event-stream");
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = request.getInputStream()) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (bytes.size() + n > maxBodyBytes) {
                    throw new TooLarge();
                }
                bytes.write(buffer, 0, n);
            }
        }
        return bytes.toByteArray();
    }

    private static final class TooLarge extends IOException {
    }

    /** The request with its body already read, so the SDK can read it again. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body has already been read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }
    }
}
