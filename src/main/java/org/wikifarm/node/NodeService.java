package org.wikifarm.node;

import java.util.List;
import java.util.Map;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.PlatformRight;
import org.wikifarm.auth.Permissions;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.Wikis;

/**
 * The farm's nodes for its platform admins ({@link PlatformRight#MOVE_WIKIS}): which nodes there are, how many wikis
 * each holds, and moving a wiki to another. The REST API, the admin area and the command-line tool call the same
 * methods.
 */
public final class NodeService {
    private final Permissions permissions;
    private final NodeDirectory directory;
    private final Placements placements;
    private final Mover mover;
    private final Wikis wikis;

    public NodeService(Permissions permissions, NodeDirectory directory, Placements placements, Mover mover,
                       Wikis wikis) {
        this.permissions = permissions;
        this.directory = directory;
        this.placements = placements;
        this.mover = mover;
        this.wikis = wikis;
    }

    /**
     * A node as an admin sees it.
     *
     * @param live  whether it reported within {@link NodeDirectory#LIVE}
     * @param wikis how many wikis it holds
     * @param self  whether it is the node answering
     */
    public record NodeView(String name, String url, long freeBytes, String seenAt, boolean live, int wikis,
                           boolean self) {
        /** The free disk space for people: "27.1 GB". */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String freeSpace() {
            return org.wikifarm.usage.Bytes.human(freeBytes);
        }
    }

    public List<NodeView> nodes(Caller caller) {
        permissions.require(caller, PlatformRight.MOVE_WIKIS);
        Map<String, Integer> counts = placements.countsByNode();
        return directory.all().stream().map(node -> new NodeView(node.name(), node.url(), node.freeBytes(),
                node.seenAt().toString(), directory.isLive(node), counts.getOrDefault(node.name(), 0),
                node.name().equals(placements.self()))).toList();
    }

    /** Where the wiki {@code owner/slug} lives. */
    public Placement placement(Caller caller, String owner, String slug) {
        permissions.require(caller, PlatformRight.MOVE_WIKIS);
        return placements.read(find(owner, slug).id()).orElseThrow();
    }

    /** Moves the wiki {@code owner/slug} to {@code target}; returns when it is done. */
    public Moved move(Caller caller, String owner, String slug, String target) {
        permissions.require(caller, PlatformRight.MOVE_WIKIS);
        if (target == null || target.isBlank()) {
            throw new WikifarmException.InvalidInput("missing_field", "Name the node to move the wiki to.");
        }
        return mover.move(find(owner, slug).id(), target.strip());
    }

    /** The same move for the person at a node's console or another node (no caller to check). */
    public Moved moveAsOperator(TenantId wiki, String target) {
        return mover.move(wiki, target);
    }

    private Wiki find(String owner, String slug) {
        try {
            return wikis.findByOwnerAndSlug(new Username(owner), new Slug(slug)).orElseThrow(this::notFound);
        } catch (WikifarmException.InvalidInput e) {
            throw notFound();
        }
    }

    private WikifarmException notFound() {
        return new WikifarmException.NotFound("wiki_not_found", "There is no such wiki.");
    }
}
