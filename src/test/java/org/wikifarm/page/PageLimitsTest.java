package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.api.JsonMapper;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.app.TestFarm;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Caller;
import org.wikifarm.page.git.OutsideCommits;
import org.wikifarm.tenant.Wiki;

/** What {@link PageService} lets into a wiki (messages, page and draft sizes), for every door at once. */
class PageLimitsTest {
    private static final int PAGE_BYTES = 4096;
    private static final int MESSAGE_CHARS = 100;

    @TempDir
    Path dir;

    private TestFarm farm;
    private PageService pages;
    private Caller alice;
    private Wiki wiki;

    @BeforeEach
    void setUp() {
        farm = new TestFarm(dir, TestFarm.limits().maxPageBytes(PAGE_BYTES).maxMessageChars(MESSAGE_CHARS).build());
        pages = farm.app.pages();
        alice = farm.signUp("alice");
        wiki = farm.wiki(alice, "notes");
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    private static PagePath page(String path) {
        return new PagePath(path);
    }

    private String save(String path, String content, String base, String message) {
        return pages.save(alice, wiki, page(path), content, base, message).page().revision();
    }

    @Test
    void controlCharactersInAMessageAreRefusedAndNothingIsWritten() {
        for (String bad : List.of("nul\u0000here", "escape \u001b[31mred", "lone\rreturn", "bell\u0007", "c1\u0085x")) {
            WikifarmException.InvalidInput refused = catchThrowableOfType(WikifarmException.InvalidInput.class,
                    () -> save("Home", "text", null, bad));

            assertThat(refused).as(bad).isNotNull();
            assertThat(refused.code()).isEqualTo("invalid_message");
            assertThat(ErrorStatus.of(refused)).isEqualTo(400);
            assertThat(refused.getMessage()).contains("control characters").containsPattern("U\\+00[0-9A-F]{2}");
        }
        assertThat(pages.list(alice, wiki, null)).isEmpty();
        assertThat(pages.changelog(alice, wiki, 10, null, Long.MAX_VALUE).changes()).isEmpty();
    }

    @Test
    void messagesKeepLineBreaksAndTabsAndLoseTrailingSpace() {
        save("Home", "text", null, "Fix the intro  \r\n\r\n\t- tabbed detail \t\n\n  \n");

        assertThat(pages.changelog(alice, wiki, 1, null, Long.MAX_VALUE).changes().get(0).message())
                .isEqualTo("Fix the intro\n\n\t- tabbed detail");
    }

    @Test
    void aBlankMessageGetsTheDefault() {
        save("Home", "text", null, " \n\t ");

        assertThat(pages.changelog(alice, wiki, 1, null, Long.MAX_VALUE).changes().get(0).message()).isEqualTo("Create Home");
    }

    @Test
    void messagesLongerThanTheLimitAreRefusedWithTheLimit() {
        String longest = "😀".repeat(MESSAGE_CHARS);
        save("Home", "one", null, longest);
        assertThat(pages.changelog(alice, wiki, 1, null, Long.MAX_VALUE).changes().get(0).message()).isEqualTo(longest);

        String head = pages.read(alice, wiki, page("Home"), null).revision();
        WikifarmException.InvalidInput refused = catchThrowableOfType(WikifarmException.InvalidInput.class,
                () -> save("Home", "two", head, "x".repeat(MESSAGE_CHARS + 1)));

        assertThat(refused.code()).isEqualTo("message_too_long");
        assertThat(refused.getMessage()).contains("at most 100 characters").contains("101");
        assertThat(pages.read(alice, wiki, page("Home"), null).content()).isEqualTo("one");
    }

    @Test
    void everyWriteChecksItsMessage() {
        String r1 = save("Home", "one", null, null);
        String r2 = save("Home", "two", r1, null);
        String tooLong = "y".repeat(MESSAGE_CHARS + 1);

        assertThat(catchThrowableOfType(WikifarmException.InvalidInput.class,
                () -> pages.delete(alice, wiki, page("Home"), r2, tooLong))).isNotNull();
        assertThat(catchThrowableOfType(WikifarmException.InvalidInput.class,
                () -> pages.rename(alice, wiki, page("Home"), page("Start"), "a\u0000b", false))).isNotNull();
        assertThat(catchThrowableOfType(WikifarmException.InvalidInput.class,
                () -> pages.revert(alice, wiki, page("Home"), r2, tooLong))).isNotNull();

        assertThat(pages.changelog(alice, wiki, 10, null, Long.MAX_VALUE).changes()).hasSize(2);
        assertThat(pages.read(alice, wiki, page("Home"), null).content()).isEqualTo("two");
    }

    @Test
    void pagesLargerThanTheLimitAre413AndNotWritten() {
        save("Full", "x".repeat(PAGE_BYTES), null, null);

        WikifarmException.TooLarge refused = catchThrowableOfType(WikifarmException.TooLarge.class,
                () -> save("Over", "x".repeat(PAGE_BYTES + 1), null, null));
        // 2,049 characters, but 4,098 bytes of UTF-8: the limit is on bytes.
        WikifarmException.TooLarge wide = catchThrowableOfType(WikifarmException.TooLarge.class,
                () -> save("Wide", "é".repeat(PAGE_BYTES / 2 + 1), null, null));

        assertThat(ErrorStatus.of(refused)).isEqualTo(413);
        assertThat(refused.getMessage()).contains("at most 4,096 bytes").contains("4,097");
        assertThat(wide.getMessage()).contains("4,098");
        assertThat(pages.list(alice, wiki, null)).containsExactly(page("Full"));
    }

    @Test
    void draftsAreNoLargerThanPages() {
        pages.saveDraft(alice, wiki, page("Home"), "x".repeat(PAGE_BYTES), null, null, null);

        WikifarmException.TooLarge refused = catchThrowableOfType(WikifarmException.TooLarge.class,
                () -> pages.saveDraft(alice, wiki, page("Home"), "y".repeat(PAGE_BYTES + 1), null, null, null));

        assertThat(refused.getMessage()).startsWith("A draft may have at most 4,096 bytes");
        assertThat(pages.draft(alice, wiki, page("Home")).orElseThrow().content()).isEqualTo("x".repeat(PAGE_BYTES));
    }

    @Test
    void aRevertThatWouldBringBackAnOversizedPageIs413() throws Exception {
        // A git push is not held to the limit; reverting to its text through the product is.
        String pushed = OutsideCommits.commit(farm.repository(wiki), "Pusher", "big",
                Map.of("Home.md", "z".repeat(PAGE_BYTES * 2)));
        String small = save("Home", "small now", pushed, null);

        WikifarmException.TooLarge refused = catchThrowableOfType(WikifarmException.TooLarge.class,
                () -> pages.revert(alice, wiki, page("Home"), small, null));

        assertThat(refused).isNotNull();
        assertThat(pages.read(alice, wiki, page("Home"), null).revision()).isEqualTo(small);
    }

    @Test
    void aPrefixLongerThanAnyPathIsRefused() {
        WikifarmException.InvalidInput refused = catchThrowableOfType(WikifarmException.InvalidInput.class,
                () -> pages.list(alice, wiki, "p".repeat(PagePath.MAX_BYTES + 1)));

        assertThat(refused.code()).isEqualTo("invalid_prefix");
    }

    @Test
    void thePageListComesInStretches() {
        for (int i = 0; i < 25; i++) {
            save(String.format("p%02d", i), "text", null, null);
        }

        PageService.PageList first = pages.list(alice, wiki, "p", null, 10, Long.MAX_VALUE);
        PageService.PageList second = pages.list(alice, wiki, "p", first.next(), 10, Long.MAX_VALUE);
        PageService.PageList last = pages.list(alice, wiki, "p", second.next(), 10, Long.MAX_VALUE);

        assertThat(first.pages()).extracting(PagePath::value).startsWith("p00").endsWith("p09");
        assertThat(first.count()).isEqualTo(25);
        assertThat(second.pages()).extracting(PagePath::value).startsWith("p10").endsWith("p19");
        assertThat(last.pages()).extracting(PagePath::value).startsWith("p20").endsWith("p24");
        assertThat(last.next()).isNull();
    }

    static long json(Object value) throws JsonProcessingException {
        return JsonMapper.mapper().writeValueAsBytes(value).length;
    }
}
