package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.TestFarm;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.store.MovableClock;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.store.WikiStats;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * The page service behind every door, on a real farm (SQLite, JGit) in a temporary folder. Its own instance here
 * counts what each call costs: the wiki leases it takes and the permission decisions {@link Permissions} evaluates
 * for it (each operation runs as a new request's caller, which remembers nothing yet). Commits are dated
 * by a clock the test moves.
 */
class PageServiceTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;

    private TestFarm farm;
    private PlatformDatabase platform;
    private WikiSessions sessions;
    private final AtomicInteger leases = new AtomicInteger();
    private Permissions permissions;
    private final MovableClock clock = new MovableClock(START);
    private final Map<TenantId, GitPageStore> stores = new ConcurrentHashMap<>();
    private volatile LastChangeRecords records = LastChangeRecords.NONE;
    private PageService pages;
    private Caller owner;
    private Caller editor;
    private Wiki wiki;

    @BeforeEach
    void farm() {
        farm = new TestFarm(dir, TestFarm.limits().build());
        owner = farm.signUp("owner");
        editor = farm.signUp("editor");
        wiki = farm.wiki(owner, "notes");
        farm.app.members().grant(owner, wiki, "editor", "editor");
        platform = PlatformDatabase.open(farm.app.settings(), org.wikifarm.store.Freshness.none());
        sessions = new WikiSessions(farm.app.openWikis(), List.of(WikiStat.class,
                WikiPreference.class, Draft.class));
        permissions = new Permissions(new UserRepository(platform));
        pages = new PageService(id -> {
            leases.incrementAndGet();
            return farm.app.openWikis().acquire(id);
        }, permissions, sessions, new WikiRepository(platform), TestFarm.limits().build(), this::store);
    }

    /** One store per wiki, on the records the test chooses, dated by the test's clock. */
    private PageStore store(WikiLease lease) {
        return stores.computeIfAbsent(lease.id(), id -> new GitPageStore(lease.repository(), records, clock));
    }

    @AfterEach
    void close() {
        sessions.close();
        platform.close();
        farm.close();
    }

    private static PagePath page(String path) {
        return new PagePath(path);
    }

    private Saved create(String path, String content) {
        return pages.save(editor, wiki, page(path), content, null, null);
    }

    // ---- every operation: one decision, at most one lease

    /** Every public operation of the service, with a call that succeeds. */
    private Map<String, Runnable> operations() {
        Saved home = create("Home", "Welcome, see [[Plans]] and [[Lonely]].");
        Saved plans = create("Plans", "# Plans\n\nAbout [[Home]].");
        create("Lonely", "Nobody links here but Home.");
        create("Gone", "Soon deleted.");
        String deleted = pages.delete(editor, wiki, page("Gone"), null, null);
        pages.upload(editor, wiki, page("Plans"), List.of(new Upload("dot.png", AttachmentsTest.png(4, 4))), null);
        Map<String, Runnable> operations = new LinkedHashMap<>();
        operations.put("view", () -> pages.view(editor, wiki, page("Home"), null));
        operations.put("viewCurrent", () -> pages.viewCurrent(editor, wiki, page("Home"), (head, granted) -> null));
        operations.put("viewCurrent (kept)", () -> pages.viewCurrent(editor, wiki, page("Home"),
                (head, granted) -> "kept"));
        operations.put("read", () -> pages.read(editor, wiki, page("Home"), home.revision()));
        operations.put("readToChange", () -> pages.readToChange(editor, wiki, page("Home")));
        operations.put("editor", () -> pages.editor(editor, wiki, page("Home")));
        operations.put("sidebar", () -> pages.sidebar(editor, wiki, Permission.READ));
        operations.put("permissions", () -> pages.permissions(editor, wiki));
        operations.put("missing", () -> pages.missing(editor, wiki, page("Gone")));
        operations.put("history", () -> pages.history(editor, wiki, page("Home"), 10, 1 << 20));
        operations.put("historyScreen", () -> pages.historyScreen(editor, wiki, page("Home"), 10));
        operations.put("changelog", () -> pages.changelog(editor, wiki, 10, null, 1 << 20));
        operations.put("changelogScreen", () -> pages.changelogScreen(editor, wiki, 10, null));
        operations.put("deleted", () -> pages.deleted(editor, wiki));
        operations.put("deletedScreen", () -> pages.deletedScreen(editor, wiki));
        operations.put("change", () -> pages.change(editor, wiki, deleted));
        operations.put("diff", () -> pages.diff(editor, wiki, page("Plans"), plans.revision(), null));
        operations.put("diffScreen", () -> pages.diffScreen(editor, wiki, page("Plans"), null, null));
        operations.put("blame", () -> pages.blame(editor, wiki, page("Plans"), null));
        operations.put("blameScreen", () -> pages.blameScreen(editor, wiki, page("Plans"), plans.revision()));
        operations.put("list", () -> pages.list(editor, wiki, null));
        operations.put("list (a stretch)", () -> pages.list(editor, wiki, "", null, 10, 1 << 20));
        operations.put("indexScreen", () -> pages.indexScreen(editor, wiki, new PageFilter(null, "t")));
        operations.put("list (filed)", () -> pages.list(editor, wiki, null, new PageFilter("c", "t")));
        operations.put("list (a filed stretch)", () -> pages.list(editor, wiki, "", new PageFilter(null, "t"), null,
                10, 1 << 20));
        operations.put("changedSince", () -> pages.changedSince(editor, wiki, null, START));
        operations.put("changedSince (filed)", () -> pages.changedSince(editor, wiki, null, START,
                new PageFilter("c", null)));
        operations.put("orphans", () -> pages.orphans(editor, wiki));
        operations.put("links", () -> pages.links(editor, wiki, page("Home")));
        operations.put("save", () -> pages.save(editor, wiki, page("New"), "new", null, null));
        operations.put("publish", () -> pages.publish(editor, wiki, page("Published"), "text", null, null));
        operations.put("edit", () -> pages.edit(editor, wiki, page("Plans"), plans.revision(), "About", "On", null));
        operations.put("delete", () -> pages.delete(editor, wiki, page("Lonely"), null, null));
        operations.put("rename", () -> pages.rename(editor, wiki, page("New"), page("Newer"), null, true));
        operations.put("revert", () -> pages.revert(editor, wiki, page("Home"), home.revision(), null));
        operations.put("restore", () -> pages.restore(editor, wiki, page("Gone"), null));
        operations.put("push", () -> {
            String[] commits = receivedCommit();
            pages.push(editor, wiki, commits[0], commits[1], 100, 10);
        });
        operations.put("requireWrite", () -> pages.requireWrite(editor, wiki));
        operations.put("upload", () -> pages.upload(editor, wiki, page("Plans"),
                List.of(new Upload("a.txt", "one".getBytes()), new Upload("b.txt", "two".getBytes())), null));
        operations.put("attachments", () -> pages.attachments(editor, wiki, page("Plans")));
        operations.put("attachmentsScreen", () -> pages.attachmentsScreen(editor, wiki, page("Plans")));
        operations.put("attachment", () -> pages.attachment(editor, wiki, page("Plans"), "a.txt", null));
        operations.put("thumbnail", () -> pages.thumbnail(editor, wiki, page("Plans"), "dot.png", 2));
        operations.put("attachmentHistory", () -> pages.attachmentHistory(editor, wiki, page("Plans"), "a.txt", 5));
        operations.put("renameAttachment", () -> pages.renameAttachment(editor, wiki, page("Plans"), "b.txt",
                "c.txt", null));
        operations.put("deleteAttachment", () -> pages.deleteAttachment(editor, wiki, page("Plans"), "c.txt", null));
        operations.put("saveDraft", () -> pages.saveDraft(editor, wiki, page("Home"), "draft", null, 1, 2));
        operations.put("draft", () -> pages.draft(editor, wiki, page("Home")));
        operations.put("deleteDraft", () -> pages.deleteDraft(editor, wiki, page("Home")));
        return operations;
    }

    @Test
    void everyOperationDecidesOnceAndLeasesTheWikiAtMostOnce() {
        Map<String, Runnable> operations = operations();
        for (Map.Entry<String, Runnable> operation : operations.entrySet()) {
            leases.set(0);
            editor = new Caller(editor.user());
            long decisions = permissions.evaluations();
            operation.getValue().run();
            assertThat(permissions.evaluations() - decisions).as("permission decisions of %s", operation.getKey())
                    .isEqualTo(1);
            assertThat(leases.get()).as("wiki leases of %s", operation.getKey()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void theCountedOperationsAreEveryPublicMethod() {
        Set<String> counted = new TreeSet<>();
        operations().keySet().forEach(name -> counted.add(name.split(" ")[0]));
        Set<String> operations = new TreeSet<>();
        for (Method method : PageService.class.getDeclaredMethods()) {
            boolean takesACaller = Arrays.asList(method.getParameterTypes()).contains(Caller.class);
            if (Modifier.isPublic(method.getModifiers()) && takesACaller) {
                operations.add(method.getName());
            }
        }
        assertThat(counted).as("a new operation needs a line in operations()").isEqualTo(operations);
    }

    /** HEAD and a new commit on top of it with the same tree, stored but on no ref, as a push leaves it. */
    private String[] receivedCommit() {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(farm.repository(wiki).toFile()).setBare()
                .setMustExist(true).build();
                org.eclipse.jgit.lib.ObjectInserter inserter = repo.newObjectInserter();
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            org.eclipse.jgit.revwalk.RevCommit head = walk.parseCommit(repo.resolve("refs/heads/main"));
            org.eclipse.jgit.lib.CommitBuilder commit = new org.eclipse.jgit.lib.CommitBuilder();
            commit.setTreeId(head.getTree());
            commit.setParentId(head);
            org.eclipse.jgit.lib.PersonIdent who = new org.eclipse.jgit.lib.PersonIdent("Pusher", "p@example.org");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("pushed");
            String id = inserter.insert(commit).name();
            inserter.flush();
            return new String[] {head.name(), id};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- the write path

    @Test
    void aSaveAnswersWithItsOwnCommitEvenWhenAnotherWriterCommitsRightAfterIt() throws Exception {
        Path repository = farm.repository(wiki);
        AtomicInteger pushes = new AtomicInteger();
        // The hook runs inside the save, right after its commit moved the branch: another process pushes then.
        records = new HookedRecords(() -> {
            if (pushes.getAndIncrement() == 0) {
                try (Repository other = new FileRepositoryBuilder().setGitDir(repository.toFile()).setBare()
                        .setMustExist(true).build()) {
                    GitPageStore pusher = new GitPageStore(other);
                    String mine = pusher.lastChange(page("Race"));
                    pusher.save(page("Race"), "pushed over it", mine, new Author("Pusher", "p@example.org"), "push");
                }
            }
        });

        Saved saved = create("Race", "mine");

        assertThat(pushes.get()).as("the other writer committed").isPositive();
        assertThat(saved.created()).isTrue();
        assertThat(saved.page().content()).isEqualTo("mine");
        assertThat(saved.page().author()).isEqualTo("editor");
        assertThat(saved.page().date()).isEqualTo(START);
        List<Change> history = pages.history(editor, wiki, page("Race"), 10, 1 << 20).changes();
        assertThat(history).extracting(Change::author).containsExactly("Pusher", "editor");
        assertThat(saved.revision()).as("the save's own commit, not the push after it")
                .isEqualTo(history.get(1).revision());
    }

    @Test
    void savingCountsCreatedPagesAndIsRefusedOnAStaleBase() {
        Saved first = create("Home", "one");
        assertThat(first.created()).isTrue();
        Saved second = pages.save(editor, wiki, page("Home"), "two", first.revision(), "Second");
        assertThat(second.created()).isFalse();
        assertThat(pages.save(editor, wiki, page("Home"), "two", second.revision(), null).revision())
                .as("no new commit for the same text").isEqualTo(second.revision());
        assertThatThrownBy(() -> pages.save(editor, wiki, page("Home"), "three", first.revision(), null))
                .isInstanceOfSatisfying(StaleRevisionException.class,
                        e -> assertThat(e.currentRevision()).isEqualTo(second.revision()));
        create("Other", "x");
        assertThat(new WikiStats(sessions).get(wiki.id(), WikiStat.PAGE_COUNT)).isEqualTo(2);
    }

    @Test
    void editReplacesTheOneOccurrenceAgainstTheRevisionItWasGiven() {
        Saved base = create("Plan", "Plant tomatoes in May.\nWater daily.\n");
        Saved edited = pages.edit(editor, wiki, page("Plan"), base.revision().toUpperCase(), "tomatoes", "beans",
                "Beans");
        assertThat(edited.page().content()).isEqualTo("Plant beans in May.\nWater daily.\n");
        assertThat(pages.history(editor, wiki, page("Plan"), 1, 1 << 20).changes().get(0).message())
                .isEqualTo("Beans");

        assertThatThrownBy(() -> pages.edit(editor, wiki, page("Plan"), base.revision(), "beans", "peas", null))
                .as("the base is stale").isInstanceOfSatisfying(StaleRevisionException.class,
                        e -> assertThat(e.currentRevision()).isEqualTo(edited.revision()));
        assertThatThrownBy(() -> pages.edit(editor, wiki, page("Plan"), edited.revision(), "a", "A", null))
                .isInstanceOfSatisfying(TextMismatchException.class, e -> assertThat(e.occurrences()).isEqualTo(5));
        assertThatThrownBy(() -> pages.edit(editor, wiki, page("Plan"), edited.revision(), "carrots", "x", null))
                .isInstanceOfSatisfying(TextMismatchException.class, e -> assertThat(e.occurrences()).isZero());
        assertThatThrownBy(() -> pages.edit(editor, wiki, page("Missing"), edited.revision(), "a", "b", null))
                .isInstanceOf(PageNotFoundException.class);
        assertThat(pages.read(editor, wiki, page("Plan"), null).revision()).as("nothing was written")
                .isEqualTo(edited.revision());
    }

    @Test
    void missingSaysWhoDeletedAPageAndWhereARenamedOneWent() {
        create("Notes", "first");
        clock.advance(Duration.ofMinutes(3));
        String deletion = pages.delete(editor, wiki, page("Notes"), null, "Not needed");
        create("Old", "moving");
        pages.rename(editor, wiki, page("Old"), page("Moved"), null, false);

        PageService.Missing deleted = pages.missing(editor, wiki, page("Notes"));
        assertThat(deleted.granted()).contains(Permission.READ, Permission.WRITE);
        assertThat(deleted.deletion()).hasValueSatisfying(change -> {
            assertThat(change.revision()).isEqualTo(deletion);
            assertThat(change.date()).isEqualTo(START.plus(Duration.ofMinutes(3)));
            assertThat(change.message()).isEqualTo("Not needed");
        });
        assertThat(deleted.movedTo()).isEmpty();

        PageService.Missing moved = pages.missing(editor, wiki, page("Old"));
        assertThat(moved.deletion()).isEmpty();
        assertThat(moved.movedTo()).contains(page("Moved"));

        assertThat(pages.missing(editor, wiki, page("Never")).deletion()).isEmpty();
        assertThat(pages.missing(editor, wiki, page("Moved")).deletion()).isEmpty();

        Caller stranger = farm.signUp("stranger");
        leases.set(0);
        PageService.Missing hidden = pages.missing(stranger, wiki, page("Notes"));
        assertThat(hidden.granted()).doesNotContain(Permission.READ);
        assertThat(hidden.deletion()).isEmpty();
        assertThat(leases.get()).isZero();
    }

    @Test
    void theDeletedPagesAreThoseWhoseLastChangeWasTheirDeletion() {
        create("Kept", "stays");
        create("Notes", "first");
        pages.delete(editor, wiki, page("Notes"), null, "Not needed");
        create("Back", "deleted, then made again");
        pages.delete(editor, wiki, page("Back"), null, null);
        create("Back", "again");
        create("Old", "moving");
        pages.rename(editor, wiki, page("Old"), page("Moved"), null, false);
        create("Later", "deleted last");
        pages.delete(editor, wiki, page("Later"), null, null);

        PageService.DeletedPages deleted = pages.deleted(editor, wiki);
        assertThat(deleted.complete()).isTrue();
        assertThat(deleted.pages()).extracting(PageService.DeletedPage::path)
                .containsExactly(page("Later"), page("Notes"));
        assertThat(deleted.pages().get(1).deletion().message()).isEqualTo("Not needed");

        pages.restore(editor, wiki, page("Notes"), null);
        assertThat(pages.deletedScreen(editor, wiki).content().pages()).extracting(PageService.DeletedPage::path)
                .containsExactly(page("Later"));
        Caller stranger = farm.signUp("stranger");
        assertThatThrownBy(() -> pages.deleted(stranger, wiki)).isInstanceOf(WikifarmException.class);
    }

    @Test
    void restoreBringsBackTheLastVersionBeforeTheDeletion() {
        Saved first = create("Notes", "first");
        pages.save(editor, wiki, page("Notes"), "last words", first.revision(), null);
        String deletion = pages.delete(editor, wiki, page("Notes"), null, null);
        clock.advance(Duration.ofMinutes(5));

        Saved restored = pages.restore(editor, wiki, page("Notes"), "Bring it back");

        assertThat(restored.created()).isTrue();
        assertThat(restored.page().content()).isEqualTo("last words");
        assertThat(restored.page().date()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(restored.revision()).isNotEqualTo(deletion);
        assertThat(pages.read(editor, wiki, page("Notes"), null)).isEqualTo(restored.page());
        assertThat(pages.history(editor, wiki, page("Notes"), 10, 1 << 20).changes()).hasSize(4);
        assertThat(new WikiStats(sessions).get(wiki.id(), WikiStat.PAGE_COUNT)).isEqualTo(1);

        assertThatThrownBy(() -> pages.restore(editor, wiki, page("Notes"), null))
                .isInstanceOf(PageExistsException.class);
        assertThatThrownBy(() -> pages.restore(editor, wiki, page("Never"), null))
                .isInstanceOfSatisfying(WikifarmException.NotFound.class,
                        e -> assertThat(e.code()).isEqualTo("page_never_existed"));
        assertThatThrownBy(() -> pages.restore(farm.signUp("stranger"), wiki, page("Notes"), null))
                .isInstanceOf(WikifarmException.Forbidden.class);
    }

    @Test
    void renameWithLinksRewritesEveryRealLinkInTheSameCommit() {
        create("Old", "Itself: [[Old#Top|back to top]].");
        create("Home", "Go to [[Old]] or [[Old|the old page]]; `[[Old]]` is code.\n\n```\n[[Old]]\n```\n");
        create("Other", "Tom &amp; Jerry read [[Old#Part two|part two]] and [[Older]].");
        create("Unrelated", "Nothing to see.");
        String before = pages.changelog(editor, wiki, 1, null, 1 << 20).changes().get(0).revision();

        Renamed renamed = pages.rename(editor, wiki, page("Old"), page("archive/New"), null, true);

        assertThat(renamed.relinked()).containsExactlyInAnyOrder(page("Home"), page("Other"));
        assertThat(renamed.page().content()).isEqualTo("Itself: [[archive/New#Top|back to top]].");
        assertThat(pages.read(editor, wiki, page("Home"), null).content()).isEqualTo(
                "Go to [[archive/New]] or [[archive/New|the old page]]; `[[Old]]` is code.\n\n```\n[[Old]]\n```\n");
        assertThat(pages.read(editor, wiki, page("Other"), null).content())
                .isEqualTo("Tom &amp; Jerry read [[archive/New#Part two|part two]] and [[Older]].");
        List<Change> changes = pages.changelog(editor, wiki, 2, null, 1 << 20).changes();
        assertThat(changes.get(1).revision()).as("one commit").isEqualTo(before);
        // The moved page's own link changed too, so git may see its move as a delete and an add.
        assertThat(changes.get(0).pages()).extracting(ChangedFile::path).contains(page("archive/New"))
                .containsAll(List.of(page("Home"), page("Other"))).doesNotContain(page("Unrelated"));
        assertThat(pages.links(editor, wiki, page("archive/New")).backlinks())
                .containsExactlyInAnyOrder(page("Home"), page("Other"), page("archive/New"));
    }

    @Test
    void renameWithoutLinksLeavesThemAndARefusedRenameChangesNothing() {
        create("Old", "text");
        create("Home", "[[Old]]");
        Renamed renamed = pages.rename(editor, wiki, page("Old"), page("New"), null, false);
        assertThat(renamed.relinked()).isEmpty();
        assertThat(pages.read(editor, wiki, page("Home"), null).content()).isEqualTo("[[Old]]");

        create("Old", "again");
        String head = pages.changelog(editor, wiki, 1, null, 1 << 20).changes().get(0).revision();
        assertThatThrownBy(() -> pages.rename(editor, wiki, page("Old"), page("a#b"), null, true))
                .isInstanceOfSatisfying(WikifarmException.InvalidInput.class,
                        e -> assertThat(e.code()).isEqualTo("unlinkable_path"));
        assertThatThrownBy(() -> pages.rename(editor, wiki, page("Old"), page("New"), null, true))
                .isInstanceOf(PageExistsException.class);
        assertThat(pages.changelog(editor, wiki, 1, null, 1 << 20).changes().get(0).revision()).isEqualTo(head);
    }

    @Test
    void revertAndDeleteKeepTheCountInStep() {
        Saved created = create("Page", "text");
        create("Other", "x");
        Reverted undone = pages.revert(editor, wiki, page("Page"), created.revision(), null);
        assertThat(undone.existed()).isTrue();
        assertThat(undone.page()).isEmpty();
        assertThat(new WikiStats(sessions).get(wiki.id(), WikiStat.PAGE_COUNT)).isEqualTo(1);
        Reverted redone = pages.revert(editor, wiki, page("Page"), undone.revision(), null);
        assertThat(redone.page().orElseThrow().content()).isEqualTo("text");
        assertThat(redone.page().orElseThrow().revision()).isEqualTo(redone.revision());
        assertThat(new WikiStats(sessions).get(wiki.id(), WikiStat.PAGE_COUNT)).isEqualTo(2);
        pages.delete(editor, wiki, page("Other"), null, null);
        assertThat(new WikiStats(sessions).get(wiki.id(), WikiStat.PAGE_COUNT)).isEqualTo(1);
    }

    // ---- reading

    @Test
    void changedSinceListsThePagesChangedFromThenWithTheirDates() {
        create("notes/a", "a");
        clock.advance(Duration.ofHours(1));
        create("notes/b", "b");
        create("c", "c");
        clock.advance(Duration.ofHours(1));
        Saved a = pages.save(editor, wiki, page("notes/a"), "a2", pages.read(editor, wiki, page("notes/a"), null)
                .revision(), null);

        Instant later = START.plus(Duration.ofMinutes(30));
        assertThat(pages.changedSince(editor, wiki, "notes/", later)).containsExactly(
                new ListedPage(page("notes/a"), a.page().date()),
                new ListedPage(page("notes/b"), START.plus(Duration.ofHours(1))));
        assertThat(pages.changedSince(editor, wiki, null, START.plus(Duration.ofHours(2))))
                .extracting(ListedPage::path).containsExactly(page("notes/a"));
        assertThat(pages.changedSince(editor, wiki, null, null)).extracting(ListedPage::updated)
                .containsOnlyNulls().hasSize(3);
    }

    @Test
    void orphansAreThePagesNoOtherPageLinksTo() {
        create("Home", "[[A]]");
        create("A", "[[B]] and [[A]]");
        create("B", "nothing");
        create("C", "[[C]] links only to itself");
        assertThat(pages.orphans(editor, wiki)).containsExactly(page("C"));
    }

    @Test
    void aDiffDefaultsToThePagesCurrentRevision() {
        Saved one = create("Page", "one\n");
        Saved two = pages.save(editor, wiki, page("Page"), "two\n", one.revision(), null);
        Diff diff = pages.diff(editor, wiki, page("Page"), one.revision(), null);
        assertThat(diff.to()).isEqualTo(two.revision());
        assertThat(diff.diff()).contains("-one").contains("+two");
        // Given only "to" (the changes feed links so), a diff shows what that change did: from the commit before.
        Diff change = pages.diffScreen(editor, wiki, page("Page"), null, " ").content();
        assertThat(change.from()).isEqualTo(one.revision());
        assertThat(change.to()).isEqualTo(two.revision());
        assertThat(change.diff()).contains("-one").contains("+two");
        // The wiki's first commit (an empty wiki here) has none before it: an empty diff.
        Diff first = pages.diff(editor, wiki, page("Page"), null, one.revision());
        assertThat(first.from()).isEqualTo(one.revision());
        assertThat(first.diff()).isEmpty();
        assertThatThrownBy(() -> pages.diff(editor, wiki, page("Missing"), null, null))
                .isInstanceOf(PageNotFoundException.class);
    }

    @Test
    void aViewCarriesThePageTheHeadTheBacklinksAndTheSidebar() {
        create("Home", "[[Page]]");
        Saved page = create("Page", "text");
        PageService.PageView view = pages.view(editor, wiki, page("Page"), null);
        assertThat(view.page()).isEqualTo(page.page());
        assertThat(view.head()).isEqualTo(page.revision());
        assertThat(view.backlinks()).containsExactly(page("Home"));
        assertThat(view.sidebar().pages()).containsExactly(page("Home"), page("Page"));
        assertThat(view.sidebar().canWrite()).isTrue();
        assertThat(view.sidebar().canAdmin()).isFalse();
        assertThat(pages.historyScreen(editor, wiki, page("Page"), 5).sidebar()).isEqualTo(view.sidebar());
        assertThat(pages.changelogScreen(editor, wiki, 5, null).content()).hasSize(2);
        assertThatThrownBy(() -> pages.view(Caller.ANONYMOUS, wiki, page("Page"), null))
                .isInstanceOf(WikifarmException.Unauthenticated.class);
        assertThatThrownBy(() -> pages.sidebar(farm.signUp("reader"), wiki, Permission.WRITE))
                .isInstanceOf(WikifarmException.Forbidden.class);
    }

    @Test
    void aCurrentViewAsksWhatWasKeptOnlyAfterDecidingAndReadsThePageOnlyIfNothingWas() {
        create("Home", "[[Page]]");
        Saved page = create("Page", "text");
        List<String> asked = new ArrayList<>();
        PageService.CurrentView<String> kept = pages.viewCurrent(editor, wiki, page("Page"), (head, granted) -> {
            asked.add(head + " " + granted.contains(Permission.WRITE));
            return "kept for " + head;
        });
        assertThat(asked).containsExactly(page.revision() + " true");
        assertThat(kept.kept()).isEqualTo("kept for " + page.revision());
        assertThat(kept.view()).isNull();

        PageService.CurrentView<String> read = pages.viewCurrent(editor, wiki, page("Page"), (head, granted) -> null);
        assertThat(read.kept()).isNull();
        assertThat(read.view()).isEqualTo(pages.view(editor, wiki, page("Page"), null));

        assertThatThrownBy(() -> pages.viewCurrent(Caller.ANONYMOUS, wiki, page("Page"), (head, granted) -> {
            asked.add("anonymous");
            return "kept";
        })).isInstanceOf(WikifarmException.Unauthenticated.class);
        assertThatThrownBy(() -> pages.viewCurrent(farm.signUp("stranger"), wiki, page("Page"), (head, granted) -> {
            asked.add("stranger");
            return "kept";
        })).isInstanceOf(WikifarmException.Forbidden.class);
        assertThat(asked).as("nobody without READ reaches what was kept").hasSize(1);
        assertThatThrownBy(() -> pages.viewCurrent(editor, wiki, page("Missing"), (head, granted) -> null))
                .isInstanceOf(PageNotFoundException.class);
    }

    // ---- the editor

    @Test
    void theEditorSavesAndDiscardsTheDraftOrGivesTheTextBack() {
        pages.saveDraft(editor, wiki, page("Page"), "typed so far", null, 1, 3);
        Editing opened = pages.editor(editor, wiki, page("Page"));
        assertThat(opened.page()).isEmpty();
        assertThat(opened.draft().orElseThrow().content()).isEqualTo("typed so far");

        EditorSave saved = pages.publish(editor, wiki, page("Page"), "final", null, "Done");
        assertThat(saved.saved().created()).isTrue();
        assertThat(pages.draft(editor, wiki, page("Page"))).as("the draft is gone").isEmpty();

        EditorSave stale = pages.publish(editor, wiki, page("Page"), "mine", null, null);
        assertThat(stale.isStale()).isTrue();
        assertThat(stale.current().orElseThrow().content()).isEqualTo("final");
        assertThat(stale.conflict()).contains("-final").contains("+mine");

        pages.saveDraft(editor, wiki, page("Page"), "kept", null, null, null);
        EditorSave refused = pages.publish(editor, wiki, page("Page"), "x", saved.saved().revision(),
                "m".repeat(10_000));
        assertThat(refused.saved()).isNull();
        assertThat(refused.isStale()).isFalse();
        assertThat(refused.refused().code()).isEqualTo("message_too_long");
        assertThat(refused.draft().orElseThrow().content()).isEqualTo("kept");
        assertThatThrownBy(() -> pages.publish(farm.signUp("reader"), wiki, page("Page"), "x", null, null))
                .isInstanceOf(WikifarmException.Forbidden.class);
    }

    // ---- listeners

    @Test
    void listenersHearOfEveryPageAChangeTouched() {
        List<PageChange> heard = new ArrayList<>();
        pages.onChange(heard::add);
        create("Old", "x");
        create("Home", "[[Old]]");
        pages.rename(editor, wiki, page("Old"), page("New"), null, true);
        assertThat(heard).extracting(PageChange::kind, PageChange::path).containsExactly(
                tuple(PageChange.Kind.SAVED, page("Old")),
                tuple(PageChange.Kind.SAVED, page("Home")),
                tuple(PageChange.Kind.RENAMED, page("New")),
                tuple(PageChange.Kind.SAVED, page("Home")));
        assertThat(pages.limits()).isEqualTo(TestFarm.limits().build());
    }

    /** Last-change records that keep nothing and run a hook each time the store records a commit. */
    private record HookedRecords(ThrowingRunnable hook) implements LastChangeRecords {
        @Override
        public Stored load() {
            return null;
        }

        @Override
        public void store(String from, String stamp, Map<String, String> changed,
                          Supplier<Map<String, String>> all) {
            try {
                hook.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
