package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.wikifarm.auth.Permission.ADMIN;
import static org.wikifarm.auth.Permission.READ;
import static org.wikifarm.auth.Permission.WRITE;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.TestFarm;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.tenant.Wiki;

/**
 * {@link Members}: who may manage a wiki's members (its administrators), granting and revoking roles, transferring
 * ownership (the old owner stays on as an editor, the new owner's wiki cap counts unless they are an admin), and that
 * each change decides the next check at once. One wiki's members never touch another's.
 */
class MembersTest {
    @TempDir
    Path dir;

    private AuthFixture farm;
    private Caller alice;
    private Caller bob;
    private Wiki wiki;
    private Wiki otherWiki;

    @BeforeEach
    void setUp() {
        farm = new AuthFixture(dir, TestFarm.limits().caps(2, 50, 100).build());
        alice = farm.signUp("alice");
        bob = farm.signUp("bob");
        farm.signUp("carol");
        wiki = farm.wiki(alice, "notes", false);
        otherWiki = farm.wiki(alice, "diary", false);
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    @Test
    void onlyTheWikisAdministratorsManageItsMembers() {
        farm.members.grant(alice, wiki, "bob", "editor");
        for (Caller outsider : new Caller[] {farm.again(bob), farm.user("carol")}) {
            assertThat(ErrorStatus.of(catchThrowable(() -> farm.members.grant(outsider, wiki, "carol", "viewer"))))
                    .isEqualTo(403);
            assertThat(ErrorStatus.of(catchThrowable(() -> farm.members.list(outsider, wiki)))).isEqualTo(403);
        }
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.members.list(Caller.ANONYMOUS, wiki)))).isEqualTo(401);
        farm.members.grant(farm.boss, wiki, "carol", "viewer");
        assertThat(farm.members.list(alice, wiki)).extracting(grant -> grant.username().value() + " " + grant.role())
                .containsExactly("alice OWNER", "bob EDITOR", "carol VIEWER");
    }

    @Test
    void aGrantOrRevokeDecidesTheNextCheckAtOnce() {
        Caller request = farm.again(bob);
        assertThat(farm.permissions.of(request, wiki)).isEmpty();

        farm.members.grant(alice, wiki, "bob", "viewer");
        assertThat(farm.permissions.of(request, wiki)).containsExactly(READ);

        farm.members.grant(alice, wiki, "bob", "editor");
        assertThat(farm.permissions.of(farm.again(bob), wiki)).contains(WRITE);

        farm.members.revoke(alice, wiki, "bob");
        assertThat(farm.permissions.of(farm.again(bob), wiki)).isEmpty();
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.members.revoke(alice, wiki, "bob")))).isEqualTo(404);
    }

    @Test
    void aRoleOnOneWikiIsNotARoleOnAnother() {
        farm.members.grant(alice, wiki, "bob", "editor");

        assertThat(farm.permissions.of(farm.again(bob), otherWiki)).isEmpty();
        assertThat(farm.members.list(alice, otherWiki)).extracting(grant -> grant.username().value())
                .containsExactly("alice");
    }

    @Test
    void theOwnerKeepsTheOwnerRole() {
        Throwable refused = catchThrowable(() -> farm.members.grant(alice, wiki, "alice", "editor"));
        assertThat(((WikifarmException) refused).code()).isEqualTo("owner_role");
        assertThat(((WikifarmException) catchThrowable(() -> farm.members.revoke(alice, wiki, "alice"))).code())
                .isEqualTo("owner_role");
        assertThat(((WikifarmException) catchThrowable(() -> farm.members.grant(alice, wiki, "bob", "boss"))).code())
                .isEqualTo("invalid_role");
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.members.grant(alice, wiki, "nobody", "viewer"))))
                .isEqualTo(404);
    }

    @Test
    void aTransferMakesTheOldOwnerAnEditorAtOnce() {
        Caller request = farm.again(alice);
        assertThat(farm.permissions.of(request, wiki)).contains(ADMIN);

        farm.members.grant(alice, wiki, "bob", "owner");

        Wiki moved = farm.now(wiki);
        assertThat(moved.owner().value()).isEqualTo("bob");
        assertThat(farm.permissions.of(request, moved)).doesNotContain(ADMIN).contains(WRITE);
        assertThat(farm.permissions.of(farm.again(bob), moved)).contains(ADMIN);
        assertThat(farm.members.administers(request, wiki.id())).isFalse();
        assertThat(farm.members.administers(farm.again(bob), wiki.id())).isTrue();
        assertThat(farm.wikiRepository.findByOwnerAndSlug(bob.user().username(), wiki.slug())).isPresent();
        assertThat(farm.wikiRepository.findByOwnerAndSlug(alice.user().username(), wiki.slug())).isEmpty();
    }

    @Test
    void aTransferCountsAgainstTheNewOwnersCapUnlessTheyAreAnAdmin() {
        farm.wiki(bob, "one", false);
        farm.wiki(bob, "two", false);

        Throwable full = catchThrowable(() -> farm.members.grant(alice, wiki, "bob", "owner"));
        assertThat(((WikifarmException) full).code()).isEqualTo("too_many_wikis");

        farm.wiki(farm.boss, "three", false);
        farm.wiki(farm.boss, "four", false);
        farm.members.grant(alice, wiki, "boss", "owner");
        assertThat(farm.now(wiki).owner().value()).isEqualTo("boss");
    }
}
