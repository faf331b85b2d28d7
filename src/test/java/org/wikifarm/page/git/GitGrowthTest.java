package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wikifarm.page.git.TestWiki.ALICE;
import static org.wikifarm.page.git.TestWiki.page;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Replacement;
import org.wikifarm.page.WriteGuard.Growth;

/** Every write tells its guard the growth it decided against HEAD, before anything is stored. */
class GitGrowthTest extends GitWikiTestCase {
    private final List<Growth> told = new ArrayList<>();
    private final Consumer<Growth> recording = told::add;

    @Test
    void eachWriteTellsItsExactGrowth() {
        String r1 = store.save(page("A"), "hello", null, ALICE, null, recording).page().revision();
        String r2 = store.save(page("A"), "hello world", r1, ALICE, null, recording).page().revision();
        store.edit(page("A"), r2, new Replacement("world", "w"), ALICE, null, Long.MAX_VALUE, recording);
        store.save(page("B"), "see [[A]]", null, ALICE, null, recording);
        store.rename(page("A"), page("Longer"), ALICE, null, true, Long.MAX_VALUE, recording);
        store.delete(page("Longer"), null, ALICE, null, recording);
        store.restore(page("Longer"), ALICE, null, Long.MAX_VALUE, recording);

        assertThat(told).containsExactly(new Growth(1, 5), new Growth(0, 6), new Growth(0, -4),
                new Growth(1, 9), new Growth(0, 5), new Growth(-1, -7), new Growth(1, 7));
    }

    @Test
    void nothingToWriteAsksNothing() {
        String r1 = store.save(page("A"), "same", null, ALICE, null, recording).page().revision();
        store.save(page("A"), "same", r1, ALICE, null, recording);
        assertThat(told).containsExactly(new Growth(1, 4));
    }

    @Test
    void aRefusalStoresNothing() {
        String r1 = wiki.save("A", "one", null);
        Consumer<Growth> refuse = growth -> {
            throw new WikifarmException.QuotaExceeded("full");
        };
        assertThatThrownBy(() -> store.save(page("A"), "two", r1, ALICE, null, refuse))
                .isInstanceOf(WikifarmException.QuotaExceeded.class);
        assertThatThrownBy(() -> store.save(page("C"), "new", null, ALICE, null, refuse))
                .isInstanceOf(WikifarmException.QuotaExceeded.class);
        assertThat(store.head()).isEqualTo(r1);
        assertThat(store.read(page("A")).orElseThrow().content()).isEqualTo("one");
        assertThat(store.read(page("C"))).isEmpty();
    }
}
