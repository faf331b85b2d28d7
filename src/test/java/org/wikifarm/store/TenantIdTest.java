package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikifarm.error.WikifarmException.InvalidInput;

class TenantIdTest {

    @Test
    void generatedIdsAreValidDistinctAndPathSafe() {
        Path wikis = Path.of("/data/wikis");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            TenantId id = TenantId.generate();
            assertThat(id.value()).matches("[a-z2-7]{12}");
            assertThat(new TenantId(id.value())).isEqualTo(id);
            assertThat(id).hasToString(id.value());

            Path folder = wikis.resolve(id.value()).normalize();
            assertThat(folder.getParent()).isEqualTo(wikis);
            assertThat(folder.getFileName().toString()).isEqualTo(id.value());
            seen.add(id.value());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void acceptsTwelveBase32Characters() {
        assertThat(new TenantId("abcdefgh2345").value()).isEqualTo("abcdefgh2345");
        assertThat(new TenantId("zzzzzz777777").value()).isEqualTo("zzzzzz777777");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "../../etc/pa", "abc/defghijk", "ABCDEFGHIJKL", "abcdefGhijkl", "abcdefghijk",
            "abcdefghijklm", "", "abcdefghij01", "abcdefghij89", "abcdefghij.k", "abcdefghij k", " abcdefghijk",
            "abcdefghijk\n", "abcdéfghijkl", ".new-abcdefg"})
    void rejectsAnythingElse(String value) {
        assertThatThrownBy(() -> new TenantId(value))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("A wiki id is 12 characters of a-z and 2-7.")
                .extracting(e -> ((InvalidInput) e).code()).isEqualTo("invalid_wiki_id");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> new TenantId(null))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).code()).isEqualTo("invalid_wiki_id");
    }
}
