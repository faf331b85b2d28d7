package org.wikifarm.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import org.wikifarm.store.TenantId;

/**
 * Where a new wiki goes ({@code placement}): {@code most-room}, the live node whose data folder's disk has the most
 * free space (ties: the name first in order); or {@code hash}, rendezvous hashing of the wiki's id over the live
 * nodes' names (the node with the highest SHA-256 of name and id), so adding a node takes new wikis from every node
 * evenly and removing one moves nobody else's choice. With no live node known (the rows not written yet), here.
 */
public final class PlacementPolicy {
    private final String kind;

    /** @param kind {@code most-room} or {@code hash} */
    public PlacementPolicy(String kind) {
        if (!"most-room".equals(kind) && !"hash".equals(kind)) {
            throw new IllegalArgumentException("placement " + kind);
        }
        this.kind = kind;
    }

    public String choose(TenantId wiki, List<NodeRow> live, String self) {
        if (live.isEmpty()) {
            return self;
        }
        if ("hash".equals(kind)) {
            return live.stream().max(Comparator.comparing((NodeRow node) -> weight(node.name(), wiki))
                    .thenComparing(NodeRow::name, Comparator.reverseOrder())).orElseThrow().name();
        }
        return live.stream().max(Comparator.comparingLong(NodeRow::freeBytes)
                .thenComparing(NodeRow::name, Comparator.reverseOrder())).orElseThrow().name();
    }

    /** The first eight bytes of SHA-256(name, 0, id), unsigned, as the node's weight for the wiki. */
    static String weight(String node, TenantId wiki) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(node.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] digest = sha.digest(wiki.value().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
