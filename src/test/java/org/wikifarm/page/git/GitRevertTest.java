package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wikifarm.page.git.TestWiki.ALICE;
import static org.wikifarm.page.git.TestWiki.page;

import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.page.RevertConflictException;
import org.wikifarm.page.RevisionNotFoundException;

class GitRevertTest extends GitWikiTestCase {
    private static final String TEN = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";

    @Test
    void undoesTheLastEdit() {
        String r1 = wiki.save("Home", "a\nb\nc\n", null);
        String r2 = wiki.save("Home", "a\nB\nc\n", r1);
        String reverted = store.revert(page("Home"), r2, ALICE, null, Long.MAX_VALUE).revision();

        assertThat(wiki.content("Home")).isEqualTo("a\nb\nc\n");
        assertThat(store.lastChange(page("Home"))).isEqualTo(reverted);
        assertThat(store.history(page("Home"), 1).get(0).message())
                .isEqualTo("Revert " + r2.substring(0, 7) + " on Home");
    }

    @Test
    void keepsALaterEditThatDoesNotOverlap() {
        String r1 = wiki.save("Home", TEN, null);
        String r2 = wiki.save("Home", TEN.replace("2\n", "two\n"), r1);
        String r3 = wiki.save("Home", TEN.replace("2\n", "two\n").replace("9\n", "nine\n"), r2);
        store.revert(page("Home"), r2, ALICE, "Undo two", Long.MAX_VALUE);

        assertThat(wiki.content("Home")).isEqualTo(TEN.replace("9\n", "nine\n"));
        assertThat(store.history(page("Home"), 10)).hasSize(4);
        assertThat(store.history(page("Home"), 1).get(0).message()).isEqualTo("Undo two");
        assertThat(r3).isNotNull();
    }

    @Test
    void keepsTextWithoutAFinalNewline() {
        String r1 = wiki.save("Home", "a\nb\nc", null);
        String r2 = wiki.save("Home", "A\nb\nc", r1);
        wiki.save("Home", "A\nb\nc\nd", r2);
        store.revert(page("Home"), r2, ALICE, null, Long.MAX_VALUE);
        assertThat(wiki.content("Home")).isEqualTo("a\nb\nc\nd");
    }

    @Test
    void refusesWhenALaterEditOverlaps() {
        String r1 = wiki.save("Home", TEN, null);
        String r2 = wiki.save("Home", TEN.replace("2\n", "two\n"), r1);
        wiki.save("Home", TEN.replace("2\n", "TWO!\n"), r2);
        String head = store.head();

        assertThatThrownBy(() -> store.revert(page("Home"), r2, ALICE, null, Long.MAX_VALUE))
                .isInstanceOfSatisfying(RevertConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("revert_conflict"));
        assertThat(store.head()).isEqualTo(head);
    }

    @Test
    void undoingTheCreationDeletesAnUneditedPage() {
        String created = wiki.save("New", "fresh", null);
        wiki.save("Other", "x", null);
        store.revert(page("New"), created, ALICE, null, Long.MAX_VALUE);
        assertThat(store.read(page("New"))).isEmpty();
    }

    @Test
    void undoingTheCreationOfAnEditedPageConflicts() {
        String created = wiki.save("New", "fresh", null);
        wiki.save("New", "edited", created);
        assertThatThrownBy(() -> store.revert(page("New"), created, ALICE, null, Long.MAX_VALUE))
                .isInstanceOf(RevertConflictException.class);
    }

    @Test
    void undoingADeletionRecreatesThePage() {
        String r1 = wiki.save("Gone", "content\n", null);
        String deleted = store.delete(page("Gone"), r1, ALICE, null);
        store.revert(page("Gone"), deleted, ALICE, null, Long.MAX_VALUE);
        assertThat(wiki.content("Gone")).isEqualTo("content\n");
    }

    @Test
    void anEditOfAPageDeletedSinceBringsBackTheEarlierText() {
        String r1 = wiki.save("Gone", "first\n", null);
        String r2 = wiki.save("Gone", "second\n", r1);
        store.delete(page("Gone"), null, ALICE, null);
        store.revert(page("Gone"), r2, ALICE, null, Long.MAX_VALUE);
        assertThat(wiki.content("Gone")).isEqualTo("first\n");
    }

    @Test
    void refusesARevisionThatDidNotTouchThePage() {
        wiki.save("Home", "a", null);
        String other = wiki.save("Other", "x", null);
        assertThatThrownBy(() -> store.revert(page("Home"), other, ALICE, null, Long.MAX_VALUE))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.code()).isEqualTo("revision_not_for_page"));
        assertThatThrownBy(() -> store.revert(page("Home"), "b".repeat(40), ALICE, null, Long.MAX_VALUE))
                .isInstanceOf(RevisionNotFoundException.class);
    }

    @Test
    void revertingTwiceChangesNothingTheSecondTime() {
        String r1 = wiki.save("Home", "a\n", null);
        String r2 = wiki.save("Home", "b\n", r1);
        String reverted = store.revert(page("Home"), r2, ALICE, null, Long.MAX_VALUE).revision();
        assertThat(store.revert(page("Home"), r2, ALICE, null, Long.MAX_VALUE).revision()).isEqualTo(reverted);
        assertThat(store.head()).isEqualTo(reverted);
    }

    @Test
    void undoingARenameMovesThePageBackWithLaterEdits() {
        String r1 = wiki.save("Old", "text\n", null);
        String renamed = store.rename(page("Old"), page("New"), ALICE, null, false, Long.MAX_VALUE).revision();
        wiki.save("New", "text\nmore\n", renamed);

        store.revert(page("New"), renamed, ALICE, null, Long.MAX_VALUE);

        assertThat(store.read(page("New"))).isEmpty();
        assertThat(wiki.content("Old")).isEqualTo("text\nmore\n");
        assertThat(store.history(page("Old"), 10)).hasSize(4);
        assertThat(r1).isNotNull();
    }

    @Test
    void undoingARenameFromTheOldNameWorksTooButNotOntoATakenName() {
        wiki.save("Old", "text\n", null);
        String renamed = store.rename(page("Old"), page("New"), ALICE, null, false, Long.MAX_VALUE).revision();
        wiki.save("Old", "someone reused the name", null);

        assertThatThrownBy(() -> store.revert(page("Old"), renamed, ALICE, null, Long.MAX_VALUE))
                .isInstanceOf(RevertConflictException.class);
        store.delete(page("Old"), null, ALICE, null);
        store.revert(page("Old"), renamed, ALICE, null, Long.MAX_VALUE);
        assertThat(wiki.content("Old")).isEqualTo("text\n");
        assertThat(store.read(page("New"))).isEmpty();
    }
}
