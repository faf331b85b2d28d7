package org.wikifarm.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.node.Moved;
import org.wikifarm.node.Mover;
import org.wikifarm.node.NodeClient;
import org.wikifarm.node.NodeService;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.AccessLevels;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.Wikis;

/**
 * What one node asks another ({@code /-node/…}, {@link NodeClient}); nothing else may call it. Every request must
 * carry the farm's {@code nodeSecret} in {@value NodeClient#SECRET_HEADER} (compared in constant time); without a
 * secret set, or with a wrong one, the path does not exist (404). The answers are JSON; failures are
 * {@code {"error","message"}} with the status the failure has everywhere else.
 * <ul>
 *   <li>{@code POST /-node/changed}: the platform database changed; forget what was remembered of it.</li>
 *   <li>{@code POST /-node/wikis}: create this wiki here (placement chose this node).</li>
 *   <li>{@code PUT /-node/wikis/{id}/copy}: the copy of a wiki moving here; {@code DELETE}: a called-off move's.</li>
 *   <li>{@code POST /-node/wikis/{id}/move} {@code {"to":node}}: move a wiki this node holds.</li>
 * </ul>
 */
public final class NodeServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(NodeServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON_BYTES = 64 * 1024;

    private final byte[] secret;
    private final Runnable changedElsewhere;
    private final Wikis wikis;
    private final Consumer<Wiki> created;
    private final Mover mover;
    private final NodeService nodes;

    /**
     * @param secret           the shared {@code nodeSecret} (empty: this node answers nobody)
     * @param changedElsewhere forgets what this node remembers of the platform database
     * @param created          what follows a wiki created here (its display name stored in its own database)
     */
    public NodeServlet(String secret, Runnable changedElsewhere, Wikis wikis, Consumer<Wiki> created, Mover mover,
                       NodeService nodes) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.changedElsewhere = changedElsewhere;
        this.wikis = wikis;
        this.created = created;
        this.mover = mover;
        this.nodes = nodes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String given = request.getHeader(NodeClient.SECRET_HEADER);
        if (secret.length == 0 || given == null
                || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "There is nothing here.");
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.split("/", -1);
        String method = request.getMethod();
        try {
            if (path.equals("/changed") && method.equals("POST")) {
                changedElsewhere.run();
                answer(response, 200, Map.of("forgotten", true));
            } else if (path.equals("/wikis") && method.equals("POST")) {
                JsonNode body = readJson(request);
                Wiki wiki = wikis.createPlacedHere(wiki(body), body.path("counted").asBoolean(true));
                created.accept(wiki);
                answer(response, 201, Map.of("id", wiki.id().value()));
            } else if (parts.length == 4 && parts[1].equals("wikis") && TenantId.isValid(parts[2])) {
                TenantId id = new TenantId(parts[2]);
                if (parts[3].equals("copy") && method.equals("PUT")) {
                    try (InputStream body = request.getInputStream()) {
                        String commit = mover.receive(id, body);
                        answer(response, 200, commit == null ? Map.of() : Map.of("commit", commit));
                    }
                } else if (parts[3].equals("copy") && method.equals("DELETE")) {
                    mover.discard(id);
                    answer(response, 200, Map.of("discarded", true));
                } else if (parts[3].equals("move") && method.equals("POST")) {
                    Moved moved = nodes.moveAsOperator(id, readJson(request).path("to").asText(""));
                    answer(response, 200, moved);
                } else {
                    throw notFound();
                }
            } else {
                throw notFound();
            }
        } catch (RuntimeException e) {
            int status = ErrorStatus.of(e);
            String code = e instanceof WikifarmException known ? known.code() : "internal_error";
            String message = e instanceof WikifarmException ? e.getMessage() : "The node could not do this.";
            if (status >= 500) {
                LOG.warn("Node call {} {} failed", method, path, e);
            }
            if (!response.isCommitted()) {
                answer(response, status, Map.of("error", code, "message", message));
            }
        }
    }

    private static Wiki wiki(JsonNode body) {
        try {
            AccessLevels access = new AccessLevels(AccessLevel.valueOf(body.path("read").asText()),
                    AccessLevel.valueOf(body.path("write").asText()),
                    AccessLevel.valueOf(body.path("attachment").asText()));
            return new Wiki(new TenantId(body.path("id").asText()), body.path("ownerId").asLong(),
                    new Username(body.path("owner").asText()), new Slug(body.path("slug").asText()), null,
                    body.path("displayName").asText(), access, PaymentStatus.FREE,
                    Instant.parse(body.path("createdAt").asText()), null, body.path("pageCount").asInt());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new WikifarmException.InvalidInput("invalid_wiki", "The wiki to create is incomplete: "
                    + e.getMessage());
        }
    }

    private static JsonNode readJson(HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes(MAX_JSON_BYTES + 1);
            if (bytes.length > MAX_JSON_BYTES) {
                throw new WikifarmException.InvalidInput("body_too_large", "A node's request is at most 64 KB.");
            }
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WikifarmException.InvalidInput("invalid_json", "The body is not JSON.");
        }
    }

    private static WikifarmException notFound() {
        return new WikifarmException.NotFound("not_found", "There is nothing here.");
    }

    private static void answer(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
