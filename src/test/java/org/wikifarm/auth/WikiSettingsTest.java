package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.wikifarm.auth.Permission.READ;
import static org.wikifarm.auth.Permission.WRITE;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.AccessLevels;
import org.wikifarm.tenant.Wiki;

/**
 * {@link WikiSettings}: only a wiki's administrators see and change its settings; the access levels are stored once,
 * in the wiki's row, and "public" is read from them (setting it sets the read level, and the two must agree when
 * both are sent); a change decides the next request at once; names are checked; one wiki's settings are its own.
 */
class WikiSettingsTest {
    @TempDir
    Path dir;

    private AuthFixture farm;
    private Caller alice;
    private Caller bob;
    private Wiki wiki;
    private Wiki otherWiki;

    @BeforeEach
    void setUp() {
        farm = new AuthFixture(dir);
        alice = farm.signUp("alice");
        bob = farm.signUp("bob");
        wiki = farm.wiki(alice, "notes", false);
        otherWiki = farm.wiki(alice, "diary", false);
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    @Test
    void theLinkOrderIsTheWikisOwnAndChangedOnlyByItsAdministrators() {
        try (var sessions = new org.wikifarm.store.WikiSessions(farm.files,
                java.util.List.of(org.wikifarm.store.WikiPreference.class))) {
            var orders = new org.wikifarm.tenant.LinkOrders(sessions, farm.clock, java.time.Duration.ofMinutes(1));
            WikiSettings settings = new WikiSettings(farm.wikiRepository, farm.permissions, 100, orders);
            java.util.List<org.wikifarm.store.TenantId> told = new java.util.ArrayList<>();
            settings.onLinkOrderChange(told::add);
            assertThat(settings.get(alice, wiki).wikiLinkOrder()).isEqualTo("page_first");

            assertThat(ErrorStatus.of(catchThrowable(() -> settings.update(bob, wiki, linkOrder("label_first")))))
                    .isEqualTo(403);
            for (String bad : new String[] {"LABEL_FIRST", "", "label-first", "both"}) {
                Throwable refused = catchThrowable(() -> settings.update(alice, wiki, linkOrder(bad)));
                assertThat(ErrorStatus.of(refused)).as(bad).isEqualTo(400);
                assertThat(((WikifarmException) refused).code()).isEqualTo("invalid_wiki_link_order");
            }
            assertThat(told).isEmpty();

            assertThat(settings.update(alice, wiki, linkOrder("label_first")).wikiLinkOrder())
                    .isEqualTo("label_first");
            assertThat(settings.linkOrder(wiki.id())).isEqualTo(org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST);
            assertThat(settings.linkOrder(otherWiki.id())).isEqualTo(org.wikifarm.markdown.WikiLinkOrder.PAGE_FIRST);
            settings.update(alice, wiki, linkOrder("label_first"));
            assertThat(told).containsExactly(wiki.id());

            // Kept in the wiki's own database: a fresh reader finds it.
            var fresh = new org.wikifarm.tenant.LinkOrders(sessions, farm.clock, java.time.Duration.ofMinutes(1));
            assertThat(fresh.of(wiki.id())).isEqualTo(org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST);
            assertThat(fresh.of(otherWiki.id())).isEqualTo(org.wikifarm.markdown.WikiLinkOrder.PAGE_FIRST);
        }
    }

    private static WikiSettings.Change linkOrder(String order) {
        return new WikiSettings.Change(null, null, null, null, null, null, order);
    }

    @Test
    void onlyTheWikisAdministratorsSeeAndChangeItsSettings() {
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.settings.get(bob, wiki)))).isEqualTo(403);
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.settings.get(Caller.ANONYMOUS, wiki)))).isEqualTo(401);
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.settings.update(bob, wiki,
                new WikiSettings.Change("Mine", true, null, null, null))))).isEqualTo(403);
        assertThat(farm.now(wiki).isPublic()).isFalse();
        assertThat(farm.settings.get(farm.boss, wiki).displayName()).isEqualTo("notes");
    }

    @Test
    void publicIsTheReadLevelStoredOnce() {
        WikiSettings.View view = farm.settings.update(alice, wiki, new WikiSettings.Change(null, true, null, null,
                null));

        assertThat(view.isPublic()).isTrue();
        assertThat(view.readAccess()).isEqualTo(AccessLevel.ANONYMOUS);
        assertThat(farm.now(wiki).access()).isEqualTo(AccessLevels.PUBLIC);

        view = farm.settings.update(alice, farm.now(wiki), new WikiSettings.Change(null, null, "REGISTERED", null,
                null));
        assertThat(view.isPublic()).as("read by anyone signed in: not public").isFalse();

        view = farm.settings.update(alice, farm.now(wiki), new WikiSettings.Change(null, true, null, null, null));
        view = farm.settings.update(alice, farm.now(wiki), new WikiSettings.Change(null, false, null, null, null));
        assertThat(view.readAccess()).as("no longer public: members only").isEqualTo(AccessLevel.APPROVED);
    }

    @Test
    void publicAndTheReadLevelMustAgreeWhenBothAreSent() {
        Throwable refused = catchThrowable(() -> farm.settings.update(alice, wiki,
                new WikiSettings.Change("Renamed", true, "REGISTERED", null, null)));

        assertThat(((WikifarmException) refused).code()).isEqualTo("inconsistent_settings");
        assertThat(farm.now(wiki).displayName()).as("nothing changed").isEqualTo("notes");
        assertThat(farm.settings.update(alice, wiki, new WikiSettings.Change(null, true, "ANONYMOUS", "REGISTERED",
                null)).writeAccess()).isEqualTo(AccessLevel.REGISTERED);
    }

    @Test
    void aChangeDecidesTheNextRequestAtOnce() {
        Caller request = farm.again(bob);
        assertThat(farm.permissions.of(request, farm.now(wiki))).isEmpty();

        farm.settings.update(alice, wiki, new WikiSettings.Change(null, null, "REGISTERED", "REGISTERED", null));

        Wiki resolved = farm.wikiRepository.findByOwnerAndSlug(alice.user().username(), wiki.slug()).orElseThrow();
        assertThat(farm.permissions.of(farm.again(bob), resolved)).containsExactlyInAnyOrder(READ, WRITE);
        assertThat(farm.permissions.of(farm.again(bob), farm.now(otherWiki))).as("another wiki").isEmpty();
    }

    @Test
    void levelsAndNamesAreChecked() {
        assertThat(code(() -> farm.settings.update(alice, wiki, new WikiSettings.Change(null, null, "EVERYONE",
                null, null)))).isEqualTo("invalid_access_level");
        assertThat(code(() -> farm.settings.update(alice, wiki, new WikiSettings.Change(" ", null, null, null,
                null)))).isEqualTo("invalid_display_name");
        assertThat(code(() -> farm.settings.update(alice, wiki, new WikiSettings.Change("a\u0007b", null, null, null,
                null)))).isEqualTo("invalid_display_name");
        assertThat(farm.settings.update(alice, wiki, new WikiSettings.Change("  Notes  ", null, null, null, null))
                .displayName()).isEqualTo("Notes");
    }

    private static String code(Runnable call) {
        return ((WikifarmException) catchThrowable(call::run)).code();
    }
}
