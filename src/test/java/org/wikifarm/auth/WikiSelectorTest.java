package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.InstanceSelector;
import org.wikifarm.tenant.RecentWikis;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiChoice;

/**
 * Choosing a wiki on a real platform database: the list holds exactly the wikis the caller may read, the ones they
 * used last first; whatever a browser's cookie or the instance file names, nobody is shown or sent to a wiki they
 * may not read.
 */
class WikiSelectorTest {
    @TempDir
    Path dir;
    private AuthFixture fixture;
    private InstanceSelector instance;
    private WikiSelector selector;
    private Caller alice;
    private Caller bob;
    private Wiki alicePrivate;
    private Wiki aliceNotes;
    private Wiki bobPrivate;
    private Wiki bobPublic;

    @BeforeEach
    void setUp() {
        fixture = new AuthFixture(dir);
        instance = new InstanceSelector(dir.resolve("instance/selector.json"), fixture.clock);
        selector = new WikiSelector(fixture.wikis, new RecentWikis(fixture.db, fixture.clock), instance,
                fixture.permissions, 100);
        alice = fixture.signUp("alice");
        bob = fixture.signUp("bob");
        alicePrivate = fixture.wiki(alice, "diary", false);
        aliceNotes = fixture.wiki(alice, "notes", false);
        bobPrivate = fixture.wiki(bob, "secret", false);
        bobPublic = fixture.wiki(bob, "garden", true);
    }

    @AfterEach
    void tearDown() {
        instance.close();
        fixture.close();
    }

    private static List<TenantId> ids(List<WikiChoice> choices) {
        return choices.stream().map(choice -> choice.wiki().id()).toList();
    }

    @Test
    void listsExactlyTheWikisTheCallerMayRead() {
        assertThat(ids(selector.choices(alice, null, List.of())))
                .containsExactlyInAnyOrder(alicePrivate.id(), aliceNotes.id(), bobPublic.id());
        assertThat(ids(selector.choices(Caller.ANONYMOUS, null, List.of()))).containsExactly(bobPublic.id());
        assertThat(ids(selector.choices(fixture.boss, null, List.of())))
                .contains(alicePrivate.id(), aliceNotes.id(), bobPrivate.id(), bobPublic.id());
    }

    @Test
    void theWikisUsedLastComeFirstNewestFirst() {
        selector.used(alice, bobPublic);
        fixture.clock.advance(java.time.Duration.ofMinutes(2));
        selector.used(alice, alicePrivate);
        assertThat(ids(selector.choices(alice, null, List.of())).subList(0, 2))
                .containsExactly(alicePrivate.id(), bobPublic.id());
        // Another person's use changes nothing for alice.
        selector.used(bob, bobPrivate);
        assertThat(ids(selector.choices(alice, null, List.of())).get(0)).isEqualTo(alicePrivate.id());
    }

    @Test
    void aFilterMatchesNameAddressOrOwnerAndIsBounded() {
        assertThat(ids(selector.choices(alice, "NOT", List.of()))).containsExactly(aliceNotes.id());
        assertThat(ids(selector.choices(alice, "bob", List.of()))).containsExactly(bobPublic.id());
        assertThat(selector.choices(alice, "%", List.of())).isEmpty();
        assertThatThrownBy(() -> selector.choices(alice, "x".repeat(WikiSelector.MAX_FILTER_CHARS + 1), List.of()))
                .isInstanceOf(WikifarmException.InvalidInput.class);
    }

    @Test
    void aCookieNamingAnotherPersonsWikiShowsNothingOfIt() {
        List<TenantId> cookie = List.of(bobPrivate.id(), alicePrivate.id());
        assertThat(ids(selector.choices(alice, null, cookie)))
                .doesNotContain(bobPrivate.id()).startsWith(alicePrivate.id());
        assertThat(ids(selector.choices(Caller.ANONYMOUS, null, cookie))).containsExactly(bobPublic.id());
        assertThat(selector.returnTo(Caller.ANONYMOUS, cookie)).isEmpty();
        assertThat(selector.returnTo(alice, cookie)).map(Wiki::id).contains(alicePrivate.id());
    }

    @Test
    void aReturningPersonGoesToTheLastWikiTheyMayStillRead() {
        assertThat(selector.returnTo(alice, List.of())).isEmpty();
        selector.used(alice, bobPublic);
        assertThat(selector.returnTo(alice, List.of())).map(Wiki::id).contains(bobPublic.id());
        // bob makes it private: alice is no longer sent there.
        fixture.settings.update(bob, bobPublic, new WikiSettings.Change(null, false, null, null, null));
        fixture.clock.advance(AuthFixture.BOUND.plusSeconds(1));
        assertThat(selector.returnTo(fixture.again(alice), List.of())).isEmpty();
    }

    @Test
    void theDefaultWikiIsForThoseWhoMayReadItAndOnlyAnAdminSetsIt() {
        assertThatThrownBy(() -> selector.setDefault(alice, "bob/garden"))
                .isInstanceOf(WikifarmException.Forbidden.class);
        assertThatThrownBy(() -> selector.setDefault(fixture.boss, "bob/nothing"))
                .isInstanceOf(WikifarmException.NotFound.class);
        assertThatThrownBy(() -> selector.setDefault(fixture.boss, "no-slash"))
                .isInstanceOf(WikifarmException.InvalidInput.class);
        selector.setDefault(fixture.boss, "bob/secret");
        assertThat(selector.returnTo(Caller.ANONYMOUS, List.of())).isEmpty();
        assertThat(selector.returnTo(bob, List.of())).map(Wiki::id).contains(bobPrivate.id());
        selector.setDefault(fixture.boss, " bob/garden ");
        assertThat(selector.returnTo(Caller.ANONYMOUS, List.of())).map(Wiki::id).contains(bobPublic.id());
        // Kept by the instance file across a restart.
        instance.close();
        InstanceSelector reopened = new InstanceSelector(dir.resolve("instance/selector.json"), fixture.clock);
        assertThat(reopened.defaultWiki()).contains(bobPublic.id());
        selector.setDefault(fixture.boss, "");
        assertThat(selector.returnTo(Caller.ANONYMOUS, List.of())).isEmpty();
    }

    @Test
    void revertingSkipsTheWikiThatFailedAndAnyTheCallerMayNotRead() {
        selector.used(alice, bobPublic);
        fixture.clock.advance(java.time.Duration.ofMinutes(2));
        selector.used(alice, aliceNotes);
        assertThat(selector.revertFrom(alice, aliceNotes.id(), List.of())).map(Wiki::id).contains(bobPublic.id());
        assertThat(selector.revertFrom(Caller.ANONYMOUS, bobPublic.id(), List.of(bobPrivate.id(), bobPublic.id())))
                .isEmpty();
    }

    @Test
    void eachPersonKeepsAtMostTheRecentLimit() {
        for (int i = 0; i < RecentWikis.KEPT + 5; i++) {
            Wiki wiki = fixture.wiki(fixture.boss, "wiki" + i, true);
            selector.used(alice, wiki);
            fixture.clock.advance(java.time.Duration.ofSeconds(1));
        }
        assertThat(new RecentWikis(fixture.db, fixture.clock).of(alice.user().id())).hasSize(RecentWikis.KEPT);
    }

    @Test
    void aDamagedInstanceFileIsAnEmptyOne() throws Exception {
        Path file = dir.resolve("other/selector.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"default\": \"../../etc\", \"recent\": [\"not an id\", 7, \"" + bobPublic.id()
                + "\"]");
        InstanceSelector damaged = new InstanceSelector(file, fixture.clock);
        assertThat(damaged.defaultWiki()).isEmpty();
        Files.writeString(file, "{\"default\": \"../../etc\", \"recent\": [\"not an id\", 7, \"" + bobPublic.id()
                + "\"]}");
        InstanceSelector odd = new InstanceSelector(file, fixture.clock);
        assertThat(odd.defaultWiki()).isEmpty();
        assertThat(odd.recent()).containsExactly(bobPublic.id());
    }
}
