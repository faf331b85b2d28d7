package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.api.JsonMapper;
import org.wikifarm.app.TestFarm;
import org.wikifarm.auth.Caller;
import org.wikifarm.page.git.OutsideCommits;
import org.wikifarm.tenant.Wiki;

/**
 * Lists of stored history stay small whatever the repository holds: commits written straight into git (as a push
 * would), around every check of the write path, with messages of megabytes and thousands of files.
 */
class HistoryBoundsTest {
    private static final int MESSAGE_CHARS = 10_000;
    private static final long LIST_BYTES = 256 * 1024;
    private static final int HUGE = 5 * 1024 * 1024;

    @TempDir
    Path dir;

    private TestFarm farm;
    private PageService pages;
    private Caller alice;
    private Wiki wiki;

    @BeforeEach
    void setUp() {
        farm = new TestFarm(dir, TestFarm.limits().maxMessageChars(MESSAGE_CHARS).maxListBytes(LIST_BYTES).build());
        pages = farm.app.pages();
        alice = farm.signUp("alice");
        wiki = farm.wiki(alice, "notes");
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    /** Twenty commits of Home, each with a 5 MB message of {@code fill}. */
    private void pushHugeMessages(char fill) throws Exception {
        String message = String.valueOf(fill).repeat(HUGE);
        for (int i = 0; i < 20; i++) {
            OutsideCommits.commit(farm.repository(wiki), "Pusher", message, Map.of("Home.md", "version " + i));
        }
    }

    private static long json(Object value) throws Exception {
        return JsonMapper.mapper().writeValueAsBytes(value).length;
    }

    @Test
    void aChangelogShowsTheStartOfHugeMessagesAndStaysWithinItsBudget() throws Exception {
        pushHugeMessages('m');

        PageService.Changes changes = pages.changelog(alice, wiki, 1000, null, Long.MAX_VALUE);

        assertThat(changes.changes()).hasSize(20);
        assertThat(changes.changes()).extracting(change -> change.message().length()).containsOnly(MESSAGE_CHARS);
        assertThat(changes.changes()).extracting(Change::messageTruncated).containsOnly(true);
        assertThat(changes.truncated()).isFalse();
        assertThat(json(Map.of("changes", changes.changes(), "truncated", changes.truncated())))
                .isLessThanOrEqualTo(LIST_BYTES);
    }

    @Test
    void theBudgetCountsEscapedCharactersAndThePagingGoesOn() throws Exception {
        // Control characters are written as six bytes of JSON each: the budget must count them so.
        pushHugeMessages('\u0001');

        List<String> seen = new java.util.ArrayList<>();
        String before = null;
        for (int round = 0; round < 20; round++) {
            PageService.Changes changes = pages.changelog(alice, wiki, 1000, before, Long.MAX_VALUE);
            assertThat(json(Map.of("changes", changes.changes(), "truncated", changes.truncated())))
                    .isLessThanOrEqualTo(LIST_BYTES);
            changes.changes().forEach(change -> seen.add(change.revision()));
            if (!changes.truncated()) {
                break;
            }
            before = changes.changes().get(changes.changes().size() - 1).revision();
        }

        assertThat(seen).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void aPagesHistoryIsBoundedTheSameWay() throws Exception {
        pushHugeMessages('h');

        PageService.Changes history = pages.history(alice, wiki, new PagePath("Home"), 1000, Long.MAX_VALUE);

        assertThat(history.changes()).extracting(Change::messageTruncated).containsOnly(true);
        assertThat(json(Map.of("path", "Home", "changes", history.changes(), "truncated", history.truncated())))
                .isLessThanOrEqualTo(LIST_BYTES);
    }

    @Test
    void oneChangeShowsMoreOfItsMessageButNoMoreThanOneAnswerMayCarry() throws Exception {
        String id = OutsideCommits.commit(farm.repository(wiki), "Pusher", "\"".repeat(HUGE),
                Map.of("Home.md", "text"));

        Change change = pages.change(alice, wiki, id);

        assertThat(change.message().length()).isGreaterThan(MESSAGE_CHARS).isLessThan(HUGE);
        assertThat(change.messageTruncated()).isTrue();
        assertThat(json(change)).isLessThanOrEqualTo(LIST_BYTES);
    }

    @Test
    void aCommitOfThousandsOfFilesListsItsFirstPages() throws Exception {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            files.put("bulk/p" + i + ".md", "page " + i);
        }
        String id = OutsideCommits.commit(farm.repository(wiki), "Pusher", "bulk import", files);

        Change listed = pages.changelog(alice, wiki, 1, null, Long.MAX_VALUE).changes().get(0);
        Change one = pages.change(alice, wiki, id);

        assertThat(listed.pages()).hasSize(Change.MAX_LISTED_PAGES);
        assertThat(listed.pagesTruncated()).isTrue();
        assertThat(listed.messageTruncated()).isFalse();
        assertThat(one.pages().size()).isGreaterThan(Change.MAX_LISTED_PAGES).isLessThanOrEqualTo(1_000);
        assertThat(one.pagesTruncated()).isTrue();
        assertThat(json(one)).isLessThanOrEqualTo(LIST_BYTES);
    }

    @Test
    void pagesChangedSinceADateIncludeEveryPageOfABulkCommit() throws Exception {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            files.put("bulk/p" + i + ".md", "page " + i);
        }
        OutsideCommits.commit(farm.repository(wiki), "Pusher", "bulk import", files);

        var changed = pages.changedSince(alice, wiki, null, java.time.Instant.EPOCH);

        assertThat(changed).hasSize(200).extracting(ListedPage::path).contains(new PagePath("bulk/p199"));
    }

    @Test
    void hugeAuthorNamesAreCut() throws Exception {
        OutsideCommits.commit(farm.repository(wiki), "n".repeat(100_000), "hello", Map.of("Home.md", "text"));

        Change change = pages.changelog(alice, wiki, 1, null, Long.MAX_VALUE).changes().get(0);

        assertThat(change.author().length()).isEqualTo(Change.MAX_IDENT_CHARS);
        assertThat(change.message()).isEqualTo("hello");
    }
}
