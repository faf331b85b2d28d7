package org.wikifarm.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.store.TenantId;

class PlacementPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static NodeRow node(String name, long free) {
        return new NodeRow(name, "http://" + name, free, NOW);
    }

    @Test
    void mostRoomTakesTheNodeWithTheMostFreeDisk() {
        PlacementPolicy policy = new PlacementPolicy("most-room");
        TenantId wiki = TenantId.generate();
        assertThat(policy.choose(wiki, List.of(node("a", 10), node("b", 30), node("c", 20)), "a")).isEqualTo("b");
        assertThat(policy.choose(wiki, List.of(node("b", 5), node("a", 5)), "b")).isEqualTo("a");
    }

    @Test
    void withNoNodeKnownANewWikiStaysHere() {
        assertThat(new PlacementPolicy("hash").choose(TenantId.generate(), List.of(), "me")).isEqualTo("me");
        assertThat(new PlacementPolicy("most-room").choose(TenantId.generate(), List.of(), "me")).isEqualTo("me");
    }

    @Test
    void hashSpreadsWikisAndAddingANodeMovesOnlyTheWikisItTakes() {
        PlacementPolicy policy = new PlacementPolicy("hash");
        List<NodeRow> two = List.of(node("n1", 0), node("n2", 0));
        List<NodeRow> three = new ArrayList<>(two);
        three.add(node("n3", 0));
        Map<String, Integer> counts = new HashMap<>();
        int changed = 0;
        int wikis = 3_000;
        for (int i = 0; i < wikis; i++) {
            TenantId wiki = TenantId.generate();
            String before = policy.choose(wiki, two, "n1");
            String after = policy.choose(wiki, three, "n1");
            assertThat(policy.choose(wiki, List.of(two.get(1), two.get(0)), "n2")).as("order does not matter")
                    .isEqualTo(before);
            counts.merge(after, 1, Integer::sum);
            if (!before.equals(after)) {
                changed++;
                assertThat(after).as("a wiki that changes node goes to the new one").isEqualTo("n3");
            }
        }
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(wikis / 3 - 200,
                wikis / 3 + 200));
        assertThat(changed).isBetween(wikis / 3 - 200, wikis / 3 + 200);
    }
}
