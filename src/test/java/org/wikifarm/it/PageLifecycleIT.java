package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A page from creation to deletion through the REST API: revisions, history, diff, revert, rename, links. */
class PageLifecycleIT {
    private static final String ZERO_REVISION = "0".repeat(40);

    private final TestUser owner = Fixtures.newUser();
    private final TestWiki wiki = Fixtures.newWiki(owner, false);
    private final Pages pages = wiki.pages(owner.client());

    @Test
    void createUpdateAndReadAnOlderRevision() {
        ApiResponse created = pages.put("Doc", "version one\n", null).expect(201);
        String first = created.text("revision");
        assertThat(first).matches("[0-9a-f]{40}");
        assertThat(created.text("path")).isEqualTo("Doc");
        assertThat(created.text("author")).contains(owner.username());
        assertThat(created.text("date")).isNotBlank();

        ApiResponse updated = pages.put("Doc", "version two\n", first).expect(200);
        String second = updated.text("revision");
        assertThat(second).matches("[0-9a-f]{40}").isNotEqualTo(first);

        ApiResponse current = pages.get("Doc").expect(200);
        assertThat(current.text("content")).isEqualTo("version two\n");
        assertThat(current.text("revision")).isEqualTo(second);
        ApiResponse old = pages.getAt("Doc", first).expect(200);
        assertThat(old.text("content")).isEqualTo("version one\n");
        assertThat(old.text("revision")).isEqualTo(first);
        assertThat(old.text("path")).isEqualTo("Doc");
    }

    @Test
    void staleOrMissingRevisionIs409WithTheCurrentRevisionAndWritesNothing() {
        String first = pages.create("Doc", "one");
        String second = pages.update("Doc", "two", first);

        ApiResponse stale = pages.put("Doc", "three from an old copy", first).expectError(409, "stale_revision");
        assertThat(stale.text("current_revision")).isEqualTo(second);
        ApiResponse missing = pages.put("Doc", "three without a revision", null).expectError(409, "stale_revision");
        assertThat(missing.text("current_revision")).isEqualTo(second);

        assertThat(pages.get("Doc").expect(200).text("content")).isEqualTo("two");
        assertThat(pages.historyRevisions("Doc")).containsExactly(second, first);
    }

    @Test
    void savingTheSameContentMakesNoNewCommit() {
        String first = pages.create("Doc", "same");

        ApiResponse again = pages.put("Doc", "same", first).expect(200);

        assertThat(again.text("revision")).isEqualTo(first);
        assertThat(pages.historyRevisions("Doc")).containsExactly(first);
        assertThat(pages.changelogRevisions()).containsExactly(first);
    }

    @Test
    void historyIsNewestFirstAndDiffShowsRemovedAndAddedLines() {
        String first = pages.create("Doc", "alpha\nbeta\ngamma\n");
        String second = pages.update("Doc", "alpha\nBETA\ngamma\ndelta\n", first);

        ApiResponse history = pages.history("Doc").expect(200);
        assertThat(history.text("path")).isEqualTo("Doc");
        List<JsonNode> changes = history.array("changes");
        assertThat(changes).extracting(c -> c.path("revision").asText()).containsExactly(second, first);
        assertThat(changes).extracting(c -> c.path("message").asText()).containsExactly("edit Doc", "edit Doc");
        assertThat(kindOf(changes.get(0), "Doc")).isEqualTo("MODIFIED");
        assertThat(kindOf(changes.get(1), "Doc")).isEqualTo("ADDED");
        assertThat(changes.get(0).path("author").asText()).contains(owner.username());

        ApiResponse diff = pages.diff("Doc", first, second).expect(200);
        assertThat(diff.text("path")).isEqualTo("Doc");
        assertThat(diff.text("from")).isEqualTo(first);
        assertThat(diff.text("to")).isEqualTo(second);
        List<String> lines = diff.text("diff").lines().toList();
        assertThat(lines).contains("-beta", "+BETA", "+delta").doesNotContain("-alpha", "+alpha", "-gamma");

        ApiResponse toCurrent = pages.diff("Doc", first, null).expect(200);
        assertThat(toCurrent.text("to")).isEqualTo(second);
        assertThat(toCurrent.text("diff")).isEqualTo(diff.text("diff"));
    }

    @Test
    void historyLimitKeepsTheNewest() {
        String revision = pages.create("Doc", "0");
        for (int i = 1; i <= 4; i++) {
            revision = pages.update("Doc", Integer.toString(i), revision);
        }

        List<JsonNode> changes = owner.client().get(wiki.page("Doc") + "/history?limit=2").expect(200)
                .array("changes");

        assertThat(changes).extracting(c -> c.path("revision").asText()).hasSize(2).first().isEqualTo(revision);
    }

    @Test
    void revertingTheLatestChangeRestoresTheOldContent() {
        String first = pages.create("Doc", "alpha\nbeta\ngamma\n");
        String second = pages.update("Doc", "alpha\nBETA\ngamma\n", first);

        ApiResponse reverted = pages.revert("Doc", second).expect(200);

        assertThat(reverted.text("content")).isEqualTo("alpha\nbeta\ngamma\n");
        String third = reverted.text("revision");
        assertThat(third).isNotIn(first, second);
        assertThat(pages.get("Doc").expect(200).text("content")).isEqualTo("alpha\nbeta\ngamma\n");
        assertThat(pages.historyRevisions("Doc")).containsExactly(third, second, first);
    }

    @Test
    void revertingAnOlderChangeKeepsLaterEdits() {
        String first = pages.create("Doc", "l1\nl2\nl3\nl4\nl5\nl6\nl7\n");
        String second = pages.update("Doc", "L1\nl2\nl3\nl4\nl5\nl6\nl7\n", first);
        pages.update("Doc", "L1\nl2\nl3\nl4\nl5\nl6\nL7\n", second);

        ApiResponse reverted = pages.revert("Doc", second).expect(200);

        assertThat(reverted.text("content")).isEqualTo("l1\nl2\nl3\nl4\nl5\nl6\nL7\n");
    }

    @Test
    void conflictingRevertIs409AndWritesNothing() {
        String first = pages.create("Doc", "a\nb\nc\n");
        String second = pages.update("Doc", "a\nB\nc\n", first);
        String third = pages.update("Doc", "a\nBB\nc\n", second);

        pages.revert("Doc", second).expectError(409, "revert_conflict");

        assertThat(pages.get("Doc").expect(200).text("content")).isEqualTo("a\nBB\nc\n");
        assertThat(pages.historyRevisions("Doc")).containsExactly(third, second, first);
    }

    @Test
    void revertingTheCreationDeletesThePage() {
        String first = pages.create("Doc", "short-lived");

        ApiResponse reverted = pages.revert("Doc", first).expect(200);

        assertThat(reverted.json().path("deleted").asBoolean()).as("deleted in %s", reverted).isTrue();
        assertThat(reverted.text("path")).isEqualTo("Doc");
        assertThat(reverted.text("revision")).isNotEqualTo(first);
        pages.get("Doc").expectError(404, "page_not_found");
    }

    @Test
    void renameKeepsHistoryAndTheOldPathIsGone() {
        String first = pages.create("Old", "content one");
        String second = pages.update("Old", "content two", first);

        ApiResponse renamed = pages.rename("Old", "moved/New").expect(200);

        assertThat(renamed.text("path")).isEqualTo("moved/New");
        assertThat(renamed.text("content")).isEqualTo("content two");
        String third = renamed.text("revision");
        assertThat(third).isNotIn(first, second);
        pages.get("Old").expectError(404, "page_not_found");
        assertThat(pages.get("moved/New").expect(200).text("content")).isEqualTo("content two");
        List<JsonNode> history = pages.history("moved/New").expect(200).array("changes");
        assertThat(history).extracting(c -> c.path("revision").asText()).containsExactly(third, second, first);
        JsonNode rename = entryFor(history.get(0), "moved/New");
        assertThat(rename.path("kind").asText()).isEqualTo("RENAMED");
        assertThat(rename.path("old_path").asText()).isEqualTo("Old");
        assertThat(pages.paths(null)).containsExactly("moved/New");
    }

    @Test
    void renameOntoAnExistingPageIs409AndWritesNothing() {
        String a = pages.create("A", "page a");
        String b = pages.create("B", "page b");

        pages.rename("A", "B").expectError(409, "page_exists");

        assertThat(pages.get("A").expect(200).text("content")).isEqualTo("page a");
        assertThat(pages.get("B").expect(200).text("content")).isEqualTo("page b");
        assertThat(pages.changelogRevisions()).containsExactly(b, a);
    }

    @Test
    void deleteMakesThePage404() {
        String first = pages.create("Doc", "one");
        String second = pages.update("Doc", "two", first);

        owner.client().delete(wiki.page("Doc") + "?revision=" + first).expectError(409, "stale_revision");
        assertThat(pages.get("Doc").expect(200).text("content")).isEqualTo("two");

        ApiResponse deleted = owner.client().delete(wiki.page("Doc") + "?revision=" + second + "&message=bye")
                .expect(200);

        assertThat(deleted.text("path")).isEqualTo("Doc");
        String third = deleted.text("revision");
        assertThat(third).isNotIn(first, second);
        pages.get("Doc").expectError(404, "page_not_found");
        assertThat(pages.paths(null)).isEmpty();
        pages.delete("Doc").expectError(404, "page_not_found");
        JsonNode newest = pages.changes().get(0);
        assertThat(newest.path("revision").asText()).isEqualTo(third);
        assertThat(newest.path("message").asText()).isEqualTo("bye");
        assertThat(kindOf(newest, "Doc")).isEqualTo("DELETED");
        assertThat(pages.getAt("Doc", second).expect(200).text("content")).isEqualTo("two");
    }

    @Test
    void linksAndBacklinks() {
        pages.create("Hub", "See [[Target]] and [[Other|the other page]] and [[deep/Page]].\n");
        pages.create("Other", "Back to [[Hub]].\n");

        ApiResponse hub = pages.links("Hub").expect(200);
        assertThat(hub.text("path")).isEqualTo("Hub");
        assertThat(names(hub.array("outgoing"))).containsExactlyInAnyOrder("Target", "Other", "deep/Page");
        assertThat(names(hub.array("backlinks"))).containsExactly("Other");

        ApiResponse other = pages.links("Other").expect(200);
        assertThat(names(other.array("outgoing"))).containsExactly("Hub");
        assertThat(names(other.array("backlinks"))).containsExactly("Hub");
    }

    @Test
    void changelogListsEveryChangeNewestFirst() {
        String addA = pages.create("A", "a");
        String addB = pages.create("B", "b");
        String editA = pages.update("A", "a2", addA);
        String renameB = pages.rename("B", "C").expect(200).text("revision");
        String deleteA = pages.delete("A").expect(200).text("revision");

        List<JsonNode> changes = pages.changes();

        assertThat(changes).extracting(c -> c.path("revision").asText())
                .containsExactly(deleteA, renameB, editA, addB, addA);
        assertThat(kindOf(changes.get(0), "A")).isEqualTo("DELETED");
        assertThat(kindOf(changes.get(1), "C")).isEqualTo("RENAMED");
        assertThat(entryFor(changes.get(1), "C").path("old_path").asText()).isEqualTo("B");
        assertThat(kindOf(changes.get(2), "A")).isEqualTo("MODIFIED");
        assertThat(kindOf(changes.get(3), "B")).isEqualTo("ADDED");
        assertThat(kindOf(changes.get(4), "A")).isEqualTo("ADDED");
        assertThat(changes.get(4).path("message").asText()).isEqualTo("edit A");
        assertThat(changes.get(4).path("author").asText()).contains(owner.username());

        assertThat(pages.changelog(2).expect(200).array("changes")).extracting(c -> c.path("revision").asText())
                .containsExactly(deleteA, renameB);
        // The set-up commits of a test wiki (its first Home, deleted) come before: Pages.notSetUp leaves them out.
        assertThat(owner.client().get(wiki.api() + "/changelog?before=" + renameB).expect(200).array("changes")
                .stream().filter(Pages::notSetUp)).extracting(c -> c.path("revision").asText())
                .containsExactly(editA, addB, addA);
    }

    @Test
    void listWithPrefixOverNestedFolders() {
        for (String path : List.of("b/y", "a/x", "ab", "a/b/d", "a/b/c")) {
            pages.create(path, "page " + path);
        }

        assertThat(pages.paths(null)).containsExactly("a/b/c", "a/b/d", "a/x", "ab", "b/y");
        assertThat(pages.paths("a/")).containsExactly("a/b/c", "a/b/d", "a/x");
        assertThat(pages.paths("a/b/")).containsExactly("a/b/c", "a/b/d");
        assertThat(pages.paths("zzz")).isEmpty();
        assertThat(pages.get("a/b/c").expect(200).text("content")).isEqualTo("page a/b/c");
    }

    @Test
    void draftsCanBeSavedReadAndDeletedWithoutTouchingThePage() {
        String revision = pages.create("Doc", "saved text");
        String draftUrl = wiki.api() + "/drafts/Doc";

        owner.client().get(draftUrl).expectJsonError(404);
        ApiResponse saved = owner.client()
                .put(draftUrl, Map.of("content", "draft text", "base_revision", revision, "cursor_line", 3,
                        "cursor_ch", 7))
                .expect(200);
        assertThat(saved.text("path")).isEqualTo("Doc");
        assertThat(saved.text("content")).isEqualTo("draft text");
        assertThat(saved.text("base_revision")).isEqualTo(revision);
        assertThat(saved.json().path("cursor_line").asInt()).isEqualTo(3);
        assertThat(saved.json().path("cursor_ch").asInt()).isEqualTo(7);

        ApiResponse read = owner.client().get(draftUrl).expect(200);
        assertThat(read.text("content")).isEqualTo("draft text");
        assertThat(read.text("base_revision")).isEqualTo(revision);
        assertThat(read.json().path("cursor_line").asInt()).isEqualTo(3);

        owner.client().put(draftUrl, Map.of("content", "second draft")).expect(200);
        assertThat(owner.client().get(draftUrl).expect(200).text("content")).isEqualTo("second draft");
        assertThat(pages.get("Doc").expect(200).text("content")).isEqualTo("saved text");
        assertThat(pages.changelogRevisions()).containsExactly(revision);

        owner.client().delete(draftUrl).expect(204);
        owner.client().get(draftUrl).expectJsonError(404);
        assertThat(pages.get("Doc").expect(200).text("content")).isEqualTo("saved text");
    }

    @Test
    void pagesWithUnicodeNames() {
        List<String> names = List.of("Café", "日本語/ページ", "emoji 🚀 rocket", "Ünïcödé/Straße");
        for (String name : names) {
            pages.create(name, "Inhalt von " + name + " — ✓");
        }

        for (String name : names) {
            ApiResponse page = pages.get(name).expect(200);
            assertThat(page.text("path")).isEqualTo(name);
            assertThat(page.text("content")).isEqualTo("Inhalt von " + name + " — ✓");
            assertThat(pages.historyRevisions(name)).hasSize(1);
        }
        assertThat(pages.paths(null)).containsExactlyInAnyOrderElementsOf(names);
        assertThat(pages.paths("日本語/")).containsExactly("日本語/ページ");

        ApiResponse renamed = pages.rename("Café", "Crème brûlée").expect(200);
        assertThat(renamed.text("path")).isEqualTo("Crème brûlée");
        assertThat(pages.get("Crème brûlée").expect(200).text("content")).isEqualTo("Inhalt von Café — ✓");
        pages.get("Café").expectError(404, "page_not_found");
    }

    @Test
    void pagesNamedLikeActionsAreReachedThroughTheQueryForm() {
        String queryForm = wiki.api() + "/page?path=" + Fixtures.encodeQuery("notes/history");

        ApiResponse created = owner.client().put(queryForm, Pages.body("a page called history", null, null))
                .expect(201);
        assertThat(created.text("path")).isEqualTo("notes/history");
        assertThat(owner.client().get(queryForm).expect(200).text("content")).isEqualTo("a page called history");
        assertThat(pages.paths(null)).containsExactly("notes/history");

        String history = pages.create("history", "a top-level page called history");
        assertThat(pages.get("history").expect(200).text("revision")).isEqualTo(history);

        owner.client().delete(queryForm).expect(200);
        owner.client().get(queryForm).expectError(404, "page_not_found");
        assertThat(pages.paths(null)).containsExactly("history");
    }

    @Test
    void unknownOrInvalidRevisionsAndPages() {
        String first = pages.create("X", "x");
        String second = pages.create("Y", "y");

        pages.get("Missing").expectError(404, "page_not_found");
        pages.getAt("X", ZERO_REVISION).expectJsonError(404);
        pages.getAt("X", "not-a-commit").expectError(400, "invalid_revision");
        pages.getAt("Y", first).expectError(404, "page_not_found");
        assertThat(pages.getAt("X", second).expect(200).text("content")).isEqualTo("x");

        TestWiki other = Fixtures.newWiki(owner, false);
        String foreign = other.pages(owner.client()).create("X", "from another wiki");
        pages.getAt("X", foreign).expectJsonError(404);
        pages.diff("X", foreign, null).expectJsonError(404);
        pages.revert("X", foreign).expectJsonError(404);
        assertThat(pages.changelogRevisions()).containsExactly(second, first);
    }

    private static String kindOf(JsonNode change, String path) {
        return entryFor(change, path).path("kind").asText();
    }

    private static JsonNode entryFor(JsonNode change, String path) {
        for (JsonNode page : change.path("pages")) {
            if (page.path("path").asText().equals(path)) {
                return page;
            }
        }
        throw new AssertionError("no entry for " + path + " in " + change);
    }

    /** Link targets may be plain strings or objects with a {@code path}. */
    private static List<String> names(List<JsonNode> links) {
        return links.stream().map(l -> l.isTextual() ? l.asText() : l.path("path").asText()).toList();
    }
}
