package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.search.Fusion.Scored;

class FusionTest {
    // Full text: a is far ahead, b and c close together. Meaning: c clearly best, then b, d.
    private static final List<Scored> TEXT = List.of(new Scored("a", 30), new Scored("b", 11), new Scored("c", 10));
    private static final List<Scored> SEMANTIC = List.of(new Scored("c", 0.80), new Scored("b", 0.78),
            new Scored("d", 0.30));

    private static List<String> paths(List<Fusion.Fused> fused) {
        return fused.stream().map(Fusion.Fused::path).toList();
    }

    @Test
    void scoreFusionKeepsHowFarApartTheScoresAre() {
        // Min-max: a 0.5·1 = 0.5; b 0.5·0.05 + 0.5·0.96 = 0.51; c 0.5·0 + 0.5·1 = 0.5; d 0.
        List<Fusion.Fused> fused = new Fusion(Fusion.Method.MIN_MAX, 0.5).fuse(TEXT, SEMANTIC, 10);
        assertThat(paths(fused)).containsExactly("b", "a", "c", "d");
        assertThat(fused.get(0).byText()).isTrue();
        assertThat(fused.get(0).bySemantic()).isTrue();
        assertThat(fused.get(1).bySemantic()).isFalse();
        assertThat(fused.get(3).byText()).isFalse();
        // Rank fusion sees only ranks: b (2nd, 2nd) and c (3rd, 1st) tie above a (1st, missing).
        assertThat(paths(new Fusion(Fusion.Method.RRF, 0.5).fuse(TEXT, SEMANTIC, 10)).subList(0, 2))
                .containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void theWeightMovesTheBalance() {
        assertThat(paths(new Fusion(Fusion.Method.MIN_MAX, 0.9).fuse(TEXT, SEMANTIC, 10)).get(0)).isEqualTo("a");
        assertThat(paths(new Fusion(Fusion.Method.MIN_MAX, 0.1).fuse(TEXT, SEMANTIC, 10)).get(0)).isEqualTo("c");
        List<Fusion.Fused> meaningOnly = new Fusion(Fusion.Method.MIN_MAX, 0).fuse(TEXT, SEMANTIC, 10);
        assertThat(paths(meaningOnly).subList(0, 2)).containsExactly("c", "b");
        assertThat(meaningOnly.stream().filter(f -> f.path().equals("a")).findFirst().orElseThrow().score()).isZero();
    }

    @Test
    void limitsEmptyListsAndBadWeights() {
        assertThat(Fusion.DEFAULT.fuse(TEXT, SEMANTIC, 2)).hasSize(2);
        assertThat(paths(Fusion.DEFAULT.fuse(List.of(), SEMANTIC, 10))).containsExactly("c", "b", "d");
        assertThat(paths(Fusion.DEFAULT.fuse(TEXT, List.of(), 10))).containsExactly("a", "b", "c");
        assertThat(Fusion.DEFAULT.fuse(List.of(), List.of(), 10)).isEmpty();
        // One page alone in its list counts fully.
        assertThat(Fusion.DEFAULT.fuse(List.of(new Scored("x", 3)), List.of(), 10).get(0).score()).isPositive();
        assertThatThrownBy(() -> new Fusion(Fusion.Method.MIN_MAX, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
