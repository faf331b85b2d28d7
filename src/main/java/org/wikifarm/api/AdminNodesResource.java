package org.wikifarm.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.wikifarm.auth.Accounts;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.node.Moved;
import org.wikifarm.node.NodeService;

/**
 * The farm's nodes for platform admins (docs/scale-out.md): {@code GET /api/v1/admin/nodes} lists them with the
 * number of wikis each holds; {@code POST /api/v1/admin/nodes/moves} {@code {"wiki":"owner/slug","to":"node2"}}
 * moves a wiki and answers when it is done (how long it was read-only, the size of the copy).
 */
@Path("admin/nodes")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminNodesResource {
    private final NodeService nodes;
    private final Accounts accounts;

    @Inject
    public AdminNodesResource(NodeService nodes, Accounts accounts) {
        this.nodes = nodes;
        this.accounts = accounts;
    }

    /** A move asked for: the wiki as {@code owner/slug}, and the node it goes to. */
    public record MoveWrite(String wiki, String to) {
    }

    @GET
    public Map<String, List<NodeService.NodeView>> list() {
        return Map.of("nodes", nodes.nodes(accounts.current()));
    }

    @POST
    @Path("moves")
    @Consumes(MediaType.APPLICATION_JSON)
    public Moved move(MoveWrite body) {
        String wiki = body == null || body.wiki() == null ? "" : body.wiki().strip();
        int slash = wiki.indexOf('/');
        if (slash <= 0 || slash == wiki.length() - 1) {
            throw new WikifarmException.InvalidInput("missing_field", "Name the wiki as owner/slug, such as"
                    + " alice/notes.");
        }
        return nodes.move(accounts.current(), wiki.substring(0, slash), wiki.substring(slash + 1),
                body.to());
    }
}
