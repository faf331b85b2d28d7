package org.wikifarm.app;

import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.ErrorStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.auth.Caller;
import org.wikifarm.page.PagePath;
import org.wikifarm.tenant.Wiki;

/**
 * What one account, wiki or writer may create: wikis per account, tokens per wiki, drafts per writer and wiki. Each
 * cap refuses with 409 and says what to do, is not consumed by another account or wiki, and holds when requests race.
 */
class CapsTest {
    private static final int CAP = 3;

    @TempDir
    Path dir;

    private TestFarm farm;
    private Caller alice;
    private Caller bob;

    @BeforeEach
    void setUp() {
        farm = new TestFarm(dir, TestFarm.limits().caps(CAP, CAP, CAP).build());
        alice = farm.signUp("alice");
        bob = farm.signUp("bob");
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    private static <T extends Throwable> T refused(Class<T> type, Runnable action) {
        T thrown = catchThrowableOfType(type, action::run);
        assertThat(thrown).as("refused with %s", type.getSimpleName()).isNotNull();
        return thrown;
    }

    private long wikiFolders() throws Exception {
        Path wikis = farm.app.settings().wikisDir();
        try (Stream<Path> folders = Files.list(wikis)) {
            return folders.filter(Files::isDirectory).count();
        }
    }

    @Test
    void anAccountOwnsAtMostTheCapOfWikis() throws Exception {
        for (int i = 0; i < CAP; i++) {
            farm.wiki(alice, "a" + i + "-wiki");
        }
        long folders = wikiFolders();

        WikifarmException.Conflict refused = refused(WikifarmException.Conflict.class,
                () -> farm.wiki(alice, "one-too-many"));

        assertThat(refused.code()).isEqualTo("too_many_wikis");
        assertThat(ErrorStatus.of(refused)).isEqualTo(409);
        assertThat(refused.getMessage()).contains("already own 3 wikis");
        assertThat(wikiFolders()).as("no files left behind").isEqualTo(folders);
        // Bob's cap is his own; a platform admin has none.
        farm.wiki(bob, "bobs-wiki");
        for (int i = 0; i <= CAP; i++) {
            farm.wiki(farm.admin, "admin-" + i + "-wiki");
        }
    }

    @Test
    void aTransferCannotGiveAnAccountMoreWikisThanTheCap() {
        for (int i = 0; i < CAP; i++) {
            farm.wiki(alice, "a" + i + "-wiki");
        }
        Wiki bobs = farm.wiki(bob, "gift");

        WikifarmException.Conflict refused = refused(WikifarmException.Conflict.class,
                () -> farm.app.members().grant(bob, bobs, "alice", "owner"));

        assertThat(refused.code()).isEqualTo("too_many_wikis");
        assertThat(refused.getMessage()).startsWith("alice already owns 3 wikis");
        assertThat(farm.app.wikis().listOwnedOrShared(bob.user().id(), 10)).extracting(w -> w.owner().value())
                .containsExactly("bob");
    }

    @Test
    void racingCreatesNeverPassTheCap() throws Exception {
        List<Callable<Boolean>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String slug = "race-" + i;
            creates.add(() -> {
                try {
                    farm.wiki(alice, slug);
                    return true;
                } catch (WikifarmException.Conflict full) {
                    return false;
                }
            });
        }

        assertThat(race(creates)).isEqualTo(CAP);
    }

    @Test
    void aWikiHasAtMostTheCapOfTokens() {
        Wiki first = farm.wiki(alice, "first");
        Wiki second = farm.wiki(alice, "second");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            ids.add(farm.app.tokens().create(alice, first, "token " + i, "viewer").token().id());
        }

        WikifarmException.Conflict refused = refused(WikifarmException.Conflict.class,
                () -> farm.app.tokens().create(alice, first, "one too many", "editor"));

        assertThat(refused.code()).isEqualTo("too_many_tokens");
        assertThat(refused.getMessage()).isEqualTo("This wiki already has 3 tokens, the most it may have; revoke one"
                + " first.");
        assertThat(farm.app.tokens().list(alice, first)).hasSize(CAP);
        // Another wiki of the same owner has its own cap; revoking frees a place.
        farm.app.tokens().create(alice, second, "elsewhere", "viewer");
        farm.app.tokens().revoke(alice, first, ids.get(0));
        farm.app.tokens().create(alice, first, "replacement", "viewer");
    }

    @Test
    void racingTokenCreatesNeverPassTheCap() throws Exception {
        Wiki wiki = farm.wiki(alice, "tokens");
        List<Callable<Boolean>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "racer " + i;
            creates.add(() -> {
                try {
                    farm.app.tokens().create(alice, wiki, name, "viewer");
                    return true;
                } catch (WikifarmException.Conflict full) {
                    return false;
                }
            });
        }

        assertThat(race(creates)).isEqualTo(CAP);
        assertThat(farm.app.tokens().list(alice, wiki)).hasSize(CAP);
    }

    @Test
    void aWriterKeepsAtMostTheCapOfDraftsPerWiki() {
        Wiki wiki = farm.wiki(alice, "drafts");
        Wiki other = farm.wiki(alice, "other");
        farm.app.members().grant(alice, wiki, "bob", "editor");
        var pages = farm.app.pages();
        for (int i = 0; i < CAP; i++) {
            pages.saveDraft(alice, wiki, new PagePath("Page" + i), "draft " + i, null, null, null);
        }

        WikifarmException.Conflict refused = refused(WikifarmException.Conflict.class,
                () -> pages.saveDraft(alice, wiki, new PagePath("Extra"), "no room", null, null, null));

        assertThat(refused.code()).isEqualTo("too_many_drafts");
        assertThat(refused.getMessage()).contains("already keep 3 drafts");
        assertThat(pages.draft(alice, wiki, new PagePath("Extra"))).isEmpty();
        // Updating a kept draft is fine; other writers and other wikis have their own places.
        pages.saveDraft(alice, wiki, new PagePath("Page0"), "updated", null, 1, 2);
        pages.saveDraft(bob, wiki, new PagePath("Extra"), "bob's", null, null, null);
        pages.saveDraft(alice, other, new PagePath("Extra"), "elsewhere", null, null, null);
        pages.deleteDraft(alice, wiki, new PagePath("Page1"));
        pages.saveDraft(alice, wiki, new PagePath("Extra"), "now there is room", null, null, null);
    }

    @Test
    void racingDraftsNeverPassTheCap() throws Exception {
        Wiki wiki = farm.wiki(alice, "racing-drafts");
        List<Callable<Boolean>> saves = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            PagePath page = new PagePath("Race" + i);
            saves.add(() -> {
                try {
                    farm.app.pages().saveDraft(alice, wiki, page, "x", null, null, null);
                    return true;
                } catch (WikifarmException.Conflict full) {
                    return false;
                }
            });
        }

        assertThat(race(saves)).isEqualTo(CAP);
    }

    /** Runs the calls at once and counts those that answered true. */
    private static int race(List<Callable<Boolean>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            int passed = 0;
            for (Future<Boolean> result : threads.invokeAll(calls)) {
                if (result.get()) {
                    passed++;
                }
            }
            return passed;
        } finally {
            threads.shutdownNow();
        }
    }
}
