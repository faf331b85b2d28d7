package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.wikifarm.page.git.TestWiki.ALICE;
import static org.wikifarm.page.git.TestWiki.BOB;
import static org.wikifarm.page.git.TestWiki.page;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.Deadline;
import org.wikifarm.limit.OverBudgetException;
import org.wikifarm.page.ChangedFile.Kind;
import org.wikifarm.page.Page;
import org.wikifarm.page.PageExistsException;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.RevisionNotFoundException;
import org.wikifarm.page.StaleRevisionException;

class GitPageStoreTest extends GitWikiTestCase {
    @Test
    void createsABareRepositoryWhoseHeadIsMain() throws Exception {
        assertThat(wiki.repo.isBare()).isTrue();
        Ref head = wiki.repo.exactRef(Constants.HEAD);
        assertThat(head.isSymbolic()).isTrue();
        assertThat(head.getTarget().getName()).isEqualTo("refs/heads/main");
        assertThat(store.head()).isNull();
        assertThat(store.read(page("Home"))).isEmpty();
        assertThat(store.list(null)).isEmpty();
        assertThat(store.pageCount()).isZero();
        assertThat(store.history(page("Home"), 10)).isEmpty();
        assertThat(store.changelog(10, null)).isEmpty();
        assertThat(store.lastChange(page("Home"))).isNull();
    }

    @Test
    void savesAndReadsAPage() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String rev = store.save(page("docs/Guide"), "# Guide\nHello\n", null, ALICE, null).revision();

        Page read = store.read(page("docs/Guide")).orElseThrow();
        assertThat(read.content()).isEqualTo("# Guide\nHello\n");
        assertThat(read.revision()).isEqualTo(rev).hasSize(40);
        assertThat(read.author()).isEqualTo("Alice");
        assertThat(read.date()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(store.head()).isEqualTo(rev);
        assertThat(store.lastChange(page("docs/Guide"))).isEqualTo(rev);

        try (RevWalk walk = new RevWalk(wiki.repo)) {
            RevCommit commit = walk.parseCommit(wiki.repo.resolve(rev));
            assertThat(commit.getFullMessage()).isEqualTo("Create docs/Guide");
            assertThat(commit.getCommitterIdent().getEmailAddress()).isEqualTo("alice@example.org");
            assertThat(commit.getAuthorIdent().getZoneOffset().getTotalSeconds()).isZero();
            assertThat(commit.getParentCount()).isZero();
        }
    }

    @Test
    void updatesWithTheCurrentRevisionAndRefusesAStaleOne() {
        String first = wiki.save("Home", "one\n", null);
        String second = store.save(page("Home"), "two\n", first, BOB, "Say two").revision();
        assertThat(wiki.content("Home")).isEqualTo("two\n");
        assertThat(store.read(page("Home")).orElseThrow().author()).isEqualTo("Bob");

        assertThatThrownBy(() -> wiki.save("Home", "three\n", first))
                .isInstanceOfSatisfying(StaleRevisionException.class, e -> {
                    assertThat(e.currentRevision()).isEqualTo(second);
                    assertThat(e.code()).isEqualTo("stale_revision");
                    assertThat(e.getMessage()).isEqualTo("The page was changed since revision " + first
                            + "; the current revision is " + second + ".");
                });
        // Creating a page that exists is stale too: the caller did not know about the current revision.
        assertThatThrownBy(() -> wiki.save("Home", "new\n", null))
                .isInstanceOfSatisfying(StaleRevisionException.class,
                        e -> assertThat(e.currentRevision()).isEqualTo(second));
        assertThat(wiki.content("Home")).isEqualTo("two\n");
        assertThat(store.head()).isEqualTo(second);
    }

    @Test
    void aBaseRevisionFromAnotherPageIsStale() {
        String other = wiki.save("Other", "x", null);
        wiki.save("Home", "one", null);
        assertThatThrownBy(() -> wiki.save("Home", "two", other)).isInstanceOf(StaleRevisionException.class);
    }

    @Test
    void acceptsUppercaseBaseRevisionAndRejectsMalformedOnes() {
        String first = wiki.save("Home", "one", null);
        assertThat(wiki.save("Home", "two", first.toUpperCase())).isNotEqualTo(first);
        assertThatThrownBy(() -> wiki.save("Home", "three", "HEAD"))
                .isInstanceOfSatisfying(WikifarmException.InvalidInput.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_revision"));
    }

    @Test
    void savingUnchangedContentMakesNoCommit() {
        String first = wiki.save("Home", "same", null);
        wiki.save("Other", "x", null);
        String head = store.head();
        assertThat(wiki.save("Home", "same", first)).isEqualTo(first);
        assertThat(store.head()).isEqualTo(head);
        assertThat(store.changelog(10, null)).hasSize(2);
    }

    @Test
    void deletesAPage() {
        String first = wiki.save("Home", "one", null);
        wiki.save("Keep", "k", null);
        String second = wiki.save("Home", "two", first);

        assertThatThrownBy(() -> store.delete(page("Home"), first, ALICE, null))
                .isInstanceOfSatisfying(StaleRevisionException.class,
                        e -> assertThat(e.currentRevision()).isEqualTo(second));
        String deleted = store.delete(page("Home"), second, ALICE, null);

        assertThat(store.read(page("Home"))).isEmpty();
        assertThat(store.lastChange(page("Home"))).isNull();
        assertThat(store.list(null)).containsExactly(page("Keep"));
        assertThat(store.read(page("Home"), second).orElseThrow().content()).isEqualTo("two");
        assertThat(store.history(page("Home"), 10).get(0).revision()).isEqualTo(deleted);
        assertThat(store.history(page("Home"), 10).get(0).message()).isEqualTo("Delete Home");
        assertThatThrownBy(() -> store.delete(page("Home"), null, ALICE, null))
                .isInstanceOfSatisfying(PageNotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("page_not_found"));
        // Saving with the revision before the delete is stale, and says the page is gone.
        assertThatThrownBy(() -> wiki.save("Home", "again", second))
                .isInstanceOfSatisfying(StaleRevisionException.class,
                        e -> assertThat(e.currentRevision()).isNull());
        assertThat(wiki.save("Home", "again", null)).isEqualTo(store.head());
    }

    @Test
    void readsAtARevision() throws Exception {
        String r1 = wiki.save("Home", "one", null);
        String r2 = wiki.save("Other", "x", null);
        String r3 = wiki.save("Home", "three", r1);

        assertThat(store.read(page("Home"), r1).orElseThrow().content()).isEqualTo("one");
        // At r2 the page is as r1 left it, so its revision is r1.
        Page atR2 = store.read(page("Home"), r2).orElseThrow();
        assertThat(atR2.content()).isEqualTo("one");
        assertThat(atR2.revision()).isEqualTo(r1);
        assertThat(store.read(page("Home"), r3).orElseThrow().revision()).isEqualTo(r3);
        assertThat(store.read(page("Other"), r1)).isEmpty();
        assertThatThrownBy(() -> store.read(page("Home"), "0".repeat(40)))
                .isInstanceOfSatisfying(RevisionNotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("revision_not_found"));
        // A tree or blob id is not a revision either.
        String tree = wiki.repo.resolve(r1 + "^{tree}").name();
        assertThatThrownBy(() -> store.read(page("Home"), tree)).isInstanceOf(RevisionNotFoundException.class);
    }

    @Test
    void renamesInOneCommitAndKeepsHistory() {
        String r1 = wiki.save("Draft", "text\n", null);
        String r2 = wiki.save("Draft", "text\nmore\n", r1);
        wiki.save("Unrelated", "u", null);
        String renamed = store.rename(page("Draft"), page("docs/Final"), BOB, null, false, Long.MAX_VALUE).revision();
        String r4 = wiki.save("docs/Final", "text\nmore\nfinal\n", renamed);

        assertThat(store.read(page("Draft"))).isEmpty();
        assertThat(wiki.content("docs/Final")).isEqualTo("text\nmore\nfinal\n");
        assertThat(store.history(page("docs/Final"), 10)).extracting(c -> c.revision())
                .containsExactly(r4, renamed, r2, r1);
        var renameChange = store.history(page("docs/Final"), 10).get(1);
        assertThat(renameChange.message()).isEqualTo("Rename Draft to docs/Final");
        assertThat(renameChange.author()).isEqualTo("Bob");
        assertThat(renameChange.pages()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.RENAMED);
            assertThat(f.oldPath()).isEqualTo(page("Draft"));
            assertThat(f.path()).isEqualTo(page("docs/Final"));
        });
        assertThat(store.history(page("docs/Final"), 2)).extracting(c -> c.revision()).containsExactly(r4, renamed);
    }

    @Test
    void renameRefusesMissingSourceAndTakenTarget() {
        wiki.save("A", "a", null);
        wiki.save("B", "b", null);
        String head = store.head();
        assertThatThrownBy(() -> store.rename(page("Missing"), page("C"), ALICE, null, false, Long.MAX_VALUE))
                .isInstanceOf(PageNotFoundException.class);
        assertThatThrownBy(() -> store.rename(page("A"), page("B"), ALICE, null, false, Long.MAX_VALUE))
                .isInstanceOfSatisfying(PageExistsException.class, e -> assertThat(e.code()).isEqualTo("page_exists"));
        assertThatThrownBy(() -> store.rename(page("A"), page("A"), ALICE, null, false, Long.MAX_VALUE))
                .isInstanceOf(PageExistsException.class);
        assertThat(store.head()).isEqualTo(head);
    }

    @Test
    void refusesAPageWhereAFolderOfTheSameFileNameIsAndTheOtherWayRound() {
        wiki.save("a.md/child", "c", null);
        String head = store.head();
        // Page "a" is the file a.md, which is already a folder.
        assertThatThrownBy(() -> wiki.save("a", "x", null))
                .isInstanceOfSatisfying(WikifarmException.Conflict.class,
                        e -> assertThat(e.code()).isEqualTo("path_conflict"));
        wiki.save("b", "x", null);
        assertThatThrownBy(() -> wiki.save("b.md/child", "x", null)).isInstanceOf(WikifarmException.Conflict.class);
        assertThat(store.list(null)).containsExactly(page("a.md/child"), page("b"));
        assertThat(store.history(page("a.md/child"), 5)).extracting(c -> c.revision()).containsExactly(head);
    }

    @Test
    void listsPagesSortedWithAPrefix() {
        for (String p : new String[] {"projects/b", "Home", "projects/a", "projectsX", "projects/deep/c", "Zed"}) {
            wiki.save(p, p, null);
        }
        assertThat(store.list(null)).extracting(p -> p.value())
                .containsExactly("Home", "Zed", "projects/a", "projects/b", "projects/deep/c", "projectsX");
        assertThat(store.list("projects/")).extracting(p -> p.value())
                .containsExactly("projects/a", "projects/b", "projects/deep/c");
        assertThat(store.list("projects")).hasSize(4);
        assertThat(store.list("nothing")).isEmpty();
        assertThat(store.pageCount()).isEqualTo(6);
        store.delete(page("Zed"), null, ALICE, null);
        assertThat(store.pageCount()).isEqualTo(5);
    }

    @Test
    void diffsAPageBetweenRevisions() {
        String r1 = wiki.save("Home", "a\nb\nc\n", null);
        String r2 = wiki.save("Home", "a\nB\nc\nd\n", r1);
        String r3 = store.delete(page("Home"), null, ALICE, null);

        assertThat(store.diff(page("Home"), r1, r2)).isEqualTo("""
                --- a/Home.md
                +++ b/Home.md
                @@ -1,3 +1,4 @@
                 a
                -b
                +B
                 c
                +d
                """);
        assertThat(store.diff(page("Home"), r2, r2)).isEmpty();
        assertThat(store.diff(page("Home"), r2, r3)).startsWith("--- a/Home.md\n+++ /dev/null\n@@ -1,4 +0,0 @@\n-a\n");
        String other = wiki.save("Other", "x", null);
        assertThat(store.diff(page("Other"), r1, other)).isEqualTo("--- /dev/null\n+++ b/Other.md\n@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n");
        assertThatThrownBy(() -> store.diff(page("Nowhere"), r1, r2)).isInstanceOf(PageNotFoundException.class);
        assertThatThrownBy(() -> store.diff(page("Home"), r1, "f".repeat(40))).isInstanceOf(RevisionNotFoundException.class);
    }

    @Test
    void pagesThroughTheChangelog() {
        String[] revs = new String[5];
        for (int i = 0; i < 5; i++) {
            revs[i] = store.save(page("P" + i), "v" + i, null, i % 2 == 0 ? ALICE : BOB, "Edit " + i).revision();
        }
        var first = store.changelog(2, null);
        assertThat(first).extracting(c -> c.revision()).containsExactly(revs[4], revs[3]);
        assertThat(first.get(0).message()).isEqualTo("Edit 4");
        assertThat(first.get(0).author()).isEqualTo("Alice");
        assertThat(first.get(0).email()).isEqualTo("alice@example.org");
        assertThat(first.get(0).pages()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(page("P4"));
            assertThat(f.kind()).isEqualTo(Kind.ADDED);
            assertThat(f.oldPath()).isNull();
        });
        var second = store.changelog(2, first.get(1).revision());
        assertThat(second).extracting(c -> c.revision()).containsExactly(revs[2], revs[1]);
        var third = store.changelog(2, second.get(1).revision());
        assertThat(third).extracting(c -> c.revision()).containsExactly(revs[0]);
        assertThat(store.changelog(2, revs[0])).isEmpty();
        assertThatThrownBy(() -> store.changelog(2, "a".repeat(40))).isInstanceOf(RevisionNotFoundException.class);
    }

    @Test
    void historyListsOnlyCommitsOfThePageNewestFirst() {
        String r1 = wiki.save("Home", "1", null);
        wiki.save("Other", "x", null);
        String r3 = wiki.save("Home", "2", r1);
        assertThat(store.history(page("Home"), 10)).extracting(c -> c.revision()).containsExactly(r3, r1);
        assertThat(store.history(page("Home"), 10).get(0).pages())
                .singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.MODIFIED));
        assertThat(store.history(page("Home"), 0)).isEmpty();
        assertThat(store.history(page("Never"), 10)).isEmpty();
        assertThat(store.changelog(10, null).get(0).date()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void aFailedWriteLeavesTheBranchAlone() throws Exception {
        String r1 = wiki.save("Home", "1", null);
        assertThatThrownBy(() -> wiki.save("Home", "2", null)).isInstanceOf(StaleRevisionException.class);
        try (Repository other = TestWiki.open(wiki.dir)) {
            assertThat(other.exactRef("refs/heads/main").getObjectId().name()).isEqualTo(r1);
        }
    }

    @Test
    void restoresTheVersionBeforeTheDeletionWhateverCameBetween() {
        String first = wiki.save("Old", "first", null);
        wiki.save("Old", "last", first);
        store.delete(page("Old"), null, ALICE, null);
        wiki.save("Other", "later work", null);

        var restored = store.restore(page("Old"), BOB, null, Long.MAX_VALUE);

        assertThat(restored.page().content()).isEqualTo("last");
        assertThat(restored.page().author()).isEqualTo("Bob");
        assertThat(store.head()).isEqualTo(restored.revision());
        assertThat(store.changelog(1, null).get(0).message()).isEqualTo("Restore Old");
        assertThatThrownBy(() -> store.restore(page("Old"), BOB, null, Long.MAX_VALUE))
                .isInstanceOf(PageExistsException.class);
        assertThatThrownBy(() -> store.restore(page("Never"), BOB, null, Long.MAX_VALUE))
                .isInstanceOf(WikifarmException.NotFound.class);
    }

    @Test
    void aRestoreLargerThanAPageMayNowBeIsRefused() {
        wiki.save("Big", "x".repeat(100), null);
        store.delete(page("Big"), null, ALICE, null);
        String head = store.head();
        assertThatThrownBy(() -> store.restore(page("Big"), BOB, null, 50))
                .isInstanceOf(WikifarmException.TooLarge.class);
        assertThat(store.head()).isEqualTo(head);
    }

    @Test
    void theListAfterEachWriteIsTheListAtTheNewHead() {
        wiki.save("b/a", "1", null);
        wiki.save("a", "2", null);
        assertThat(store.list(null)).containsExactly(page("a"), page("b/a"));
        store.rename(page("b/a"), page("c"), ALICE, null, false, Long.MAX_VALUE);
        assertThat(store.list(null)).isEqualTo(store.listAt(store.head())).containsExactly(page("a"), page("c"));
        store.delete(page("a"), null, ALICE, null);
        assertThat(store.list(null)).isEqualTo(store.listAt(store.head())).containsExactly(page("c"));
        assertThat(store.pageCount()).isEqualTo(1);
    }

    @Test
    void aPagesHistoryWalkStopsWhenTheCurrentDeadlinePasses() {
        for (int i = 0; i < 30; i++) {
            store.save(page("Busy"), "version " + i, store.lastChange(page("Busy")), ALICE, null);
        }
        // A clock that moves a millisecond at every reading: the budget of 5 ms passes within the walk.
        AtomicLong nanos = new AtomicLong();
        Deadline deadline = Deadline.after(Duration.ofMillis(5), () -> nanos.addAndGet(1_000_000));

        assertThatThrownBy(() -> Deadline.within(deadline, () -> store.history(page("Never-there"), 1)))
                .isInstanceOf(OverBudgetException.class);
        assertThat(store.history(page("Never-there"), 1)).as("no deadline: the whole history, nothing found")
                .isEmpty();
        assertThat(store.history(page("Busy"), 1)).hasSize(1);
    }
}
