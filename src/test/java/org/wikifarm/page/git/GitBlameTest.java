package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.Deadline;
import org.wikifarm.page.Author;
import org.wikifarm.page.Blame;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.RevisionNotFoundException;

/** Who last changed each line: attribution across authors, renames followed, older revisions, bounds. */
class GitBlameTest extends GitWikiTestCase {
    private static final Author ALICE = new Author("Alice", "alice@example.org");
    private static final Author BOB = new Author("Bob", "bob@example.org");
    private static final PagePath PLANS = TestWiki.page("Plans");
    private static final long MAX = 1 << 20;

    private Blame blame(PagePath path, String revision) {
        return store.blame(path, revision, MAX, 100, Deadline.NONE);
    }

    @Test
    void eachLineIsTheCommitThatLastChangedItGroupedInRuns() {
        String first = store.save(PLANS, "one\ntwo\nthree\nfour\n", null, ALICE, "first draft\n\nlong body").revision();
        String second = store.save(PLANS, "one\nTWO\nthree\nfour\nfive\n", first, BOB, "shout").revision();

        Blame blame = blame(PLANS, null);

        assertThat(blame.complete()).isTrue();
        assertThat(blame.revision()).isEqualTo(second);
        assertThat(blame.lineCount()).isEqualTo(5);
        assertThat(blame.runs()).extracting(Blame.Run::revision).containsExactly(first, second, first, second);
        assertThat(blame.runs()).extracting(Blame.Run::startLine).containsExactly(1, 2, 3, 5);
        assertThat(blame.runs().get(0).lines()).containsExactly("one");
        assertThat(blame.runs().get(2).lines()).containsExactly("three", "four");
        assertThat(blame.runs().get(0).author()).isEqualTo("Alice");
        assertThat(blame.runs().get(0).message()).isEqualTo("first draft");
        assertThat(blame.runs().get(0).previous()).isNull();
        assertThat(blame.runs().get(1).author()).isEqualTo("Bob");
        assertThat(blame.runs().get(1).previous()).isEqualTo(first);
        assertThat(blame.runs().get(1).path()).isNull();
    }

    @Test
    void followsTheHistoryThroughARename() {
        String first = store.save(TestWiki.page("Old/Name"), "kept line\nsecond\n", null, ALICE, "start").revision();
        store.rename(TestWiki.page("Old/Name"), PLANS, BOB, "move", false, MAX);
        String edit = store.save(PLANS, "kept line\nchanged\n", store.lastChange(PLANS), BOB, "edit").revision();

        Blame blame = blame(PLANS, null);

        assertThat(blame.runs()).extracting(Blame.Run::revision).containsExactly(first, edit);
        assertThat(blame.runs().get(0).author()).isEqualTo("Alice");
        assertThat(blame.runs().get(0).path()).isEqualTo(TestWiki.page("Old/Name"));
        assertThat(blame.runs().get(1).path()).isNull();
    }

    @Test
    void blamesTheRevisionAskedFor() {
        String first = store.save(PLANS, "a\nb\n", null, ALICE, "first").revision();
        store.save(PLANS, "a\nB\nc\n", first, BOB, "second");

        Blame blame = blame(PLANS, first);

        assertThat(blame.revision()).isEqualTo(first);
        assertThat(blame.runs()).singleElement().satisfies(run -> {
            assertThat(run.revision()).isEqualTo(first);
            assertThat(run.lines()).containsExactly("a", "b");
        });
    }

    @Test
    void aMissingOrDeletedPageOrAnUnknownRevisionIsNotFound() {
        String first = store.save(PLANS, "a\n", null, ALICE, "first").revision();
        store.delete(PLANS, null, ALICE, "gone");

        assertThatThrownBy(() -> blame(PLANS, null)).isInstanceOf(PageNotFoundException.class);
        assertThatThrownBy(() -> blame(TestWiki.page("Never"), first)).isInstanceOf(PageNotFoundException.class);
        assertThatThrownBy(() -> blame(PLANS, "0".repeat(40))).isInstanceOf(RevisionNotFoundException.class);
        assertThat(blame(PLANS, first).runs()).singleElement()
                .satisfies(run -> assertThat(run.revision()).isEqualTo(first));
    }

    @Test
    void anEmptyWikiHasNothingToBlame() {
        assertThatThrownBy(() -> blame(PLANS, null)).isInstanceOf(PageNotFoundException.class);
    }

    @Test
    void aPageOverTheSizeLimitIsRefused() {
        store.save(PLANS, "x".repeat(2_000), null, ALICE, "big");

        assertThatThrownBy(() -> store.blame(PLANS, null, 1_000, 100, Deadline.NONE))
                .isInstanceOf(WikifarmException.TooLarge.class);
    }

    @Test
    void stopsAfterItsNumberOfCommitsLeavingTheRestUnattributed() {
        String revision = null;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            text.insert(0, "line " + i + "\n");
            revision = store.save(PLANS, text.toString(), revision, i % 2 == 0 ? ALICE : BOB, "add " + i).revision();
        }

        Blame blame = store.blame(PLANS, null, MAX, 2, Deadline.NONE);

        assertThat(blame.complete()).isFalse();
        assertThat(blame.lineCount()).isEqualTo(6);
        assertThat(blame.runs().get(0).revision()).isEqualTo(revision);
        Blame.Run last = blame.runs().get(blame.runs().size() - 1);
        assertThat(last.attributed()).isFalse();
        assertThat(last.lines()).contains("line 0");
        assertThat(blame.runs()).flatExtracting(Blame.Run::lines).hasSize(6);
    }

    @Test
    void stopsAtItsDeadline() {
        String revision = store.save(PLANS, "a\n", null, ALICE, "one").revision();
        revision = store.save(PLANS, "b\na\n", revision, BOB, "two").revision();
        store.save(PLANS, "c\nb\na\n", revision, ALICE, "three");
        AtomicLong now = new AtomicLong();
        Deadline deadline = Deadline.after(Duration.ofMillis(1), () -> now.addAndGet(1_000_000));

        Blame blame = store.blame(PLANS, null, MAX, 100, deadline);

        assertThat(blame.complete()).isFalse();
        assertThat(blame.runs()).flatExtracting(Blame.Run::lines).containsExactly("c", "b", "a");
    }
}
