package org.wikifarm.auth;

import org.wikifarm.store.TestPlatforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.wikifarm.auth.Permission.ADMIN;
import static org.wikifarm.auth.Permission.READ;
import static org.wikifarm.auth.Permission.UPLOAD;
import static org.wikifarm.auth.Permission.WRITE;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.AccessLevels;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Slug;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * Every rule of {@link Permissions} on a wiki, on a real platform database: admins, owners, roles, access levels,
 * writing implies reading, lapsed wikis, and tokens bounded by their creators. Platform rights, door policies,
 * listing and the reuse of decisions have tests of their own.
 */
class PermissionsTest {
    private static final Set<Permission> ALL = EnumSet.allOf(Permission.class);
    private static final Set<Permission> NONE = EnumSet.noneOf(Permission.class);

    @TempDir
    Path dir;

    private PlatformDatabase db;
    private UserRepository users;
    private Permissions permissions;
    private Caller admin;
    private Caller owner;
    private Caller stranger;
    private Caller editor;
    private Caller viewer;
    private Wiki publicWiki;
    private Wiki privateWiki;
    private Wiki otherPrivateWiki;
    private Wiki lapsedWiki;

    @BeforeEach
    void setUp() {
        db = TestPlatforms.open(dir.resolve("platform.db"));
        users = new UserRepository(db);
        permissions = new Permissions(users);
        admin = signUp("boss"); // the first account is the admin
        owner = signUp("alice");
        stranger = signUp("mallory");
        editor = signUp("bob");
        viewer = signUp("carol");
        assertThat(admin.admin()).isTrue();
        assertThat(owner.admin()).isFalse();

        publicWiki = wiki(owner, "public-notes", true, PaymentStatus.FREE);
        privateWiki = wiki(owner, "private-notes", false, PaymentStatus.ACTIVE);
        otherPrivateWiki = wiki(owner, "diary", false, PaymentStatus.FREE);
        lapsedWiki = wiki(owner, "lapsed-notes", true, PaymentStatus.LAPSED);
        db.inTransaction(connection -> {
            for (Wiki wiki : new Wiki[] {publicWiki, privateWiki, lapsedWiki}) {
                users.grant(connection, wiki.id(), editor.user().id(), Role.EDITOR, owner.user().id());
                users.grant(connection, wiki.id(), viewer.user().id(), Role.VIEWER, null);
            }
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void anonymousMayOnlyReadPublicWikis() {
        assertThat(permissions.of(Caller.ANONYMOUS, publicWiki)).containsExactly(READ);
        assertThat(permissions.of(Caller.ANONYMOUS, privateWiki)).isEmpty();

        permissions.require(Caller.ANONYMOUS, publicWiki, READ);
        WikifarmException write = catchThrowableOfType(WikifarmException.Unauthenticated.class,
                () -> permissions.require(Caller.ANONYMOUS, publicWiki, WRITE));
        assertThat(write.getMessage()).isEqualTo("Sign in to write this wiki.");
    }

    @Test
    void anonymousOnAPrivateWikiIsAskedToSignIn() {
        Throwable thrown = catchThrowable(() -> permissions.require(Caller.ANONYMOUS, privateWiki, READ));

        assertThat(thrown).isInstanceOf(WikifarmException.Unauthenticated.class)
                .hasMessage("Sign in to read this wiki.");
        assertThat(((WikifarmException) thrown).code()).isEqualTo("unauthenticated");
        assertThat(ErrorStatus.of(thrown)).isEqualTo(401);
    }

    @Test
    void ownerMayDoEverything() {
        assertThat(permissions.of(owner, publicWiki)).isEqualTo(ALL);
        assertThat(permissions.of(owner, privateWiki)).isEqualTo(ALL);
        for (Permission permission : Permission.values()) {
            permissions.require(owner, privateWiki, permission);
        }
    }

    @Test
    void anotherSignedInUserMayNotTouchAPrivateWiki() {
        assertThat(permissions.of(stranger, privateWiki)).isEqualTo(NONE);
        assertThat(permissions.of(stranger, publicWiki)).containsExactly(READ);

        Throwable thrown = catchThrowable(() -> permissions.require(stranger, privateWiki, WRITE));
        assertThat(thrown).isInstanceOf(WikifarmException.Forbidden.class)
                .hasMessage("You do not have the WRITE permission: you may not write this wiki.");
        assertThat(((WikifarmException) thrown).code()).isEqualTo("forbidden");
        assertThat(ErrorStatus.of(thrown)).isEqualTo(403);

        assertThat(catchThrowable(() -> permissions.require(stranger, privateWiki, READ)))
                .isInstanceOf(WikifarmException.Forbidden.class).hasMessageContaining("READ");
        assertThat(catchThrowable(() -> permissions.require(stranger, publicWiki, UPLOAD)))
                .isInstanceOf(WikifarmException.Forbidden.class)
                .hasMessage("You do not have the UPLOAD permission: you may not upload attachments to this wiki.");
    }

    @Test
    void adminMayDoEverythingEverywhere() {
        assertThat(permissions.of(admin, privateWiki)).isEqualTo(ALL);
        assertThat(permissions.of(admin, publicWiki)).isEqualTo(ALL);
        assertThat(permissions.of(admin, otherPrivateWiki)).isEqualTo(ALL);
        permissions.require(admin, privateWiki, ADMIN);
    }

    @Test
    void aclRolesGrantTheirPermissions() {
        assertThat(users.roleOn(privateWiki.id(), editor.user().id())).contains(Role.EDITOR);
        assertThat(users.roleOn(privateWiki.id(), viewer.user().id())).contains(Role.VIEWER);
        assertThat(users.roleOn(privateWiki.id(), owner.user().id())).contains(Role.OWNER);

        assertThat(permissions.of(editor, privateWiki)).isEqualTo(EnumSet.of(READ, WRITE, UPLOAD));
        assertThat(permissions.of(viewer, privateWiki)).isEqualTo(EnumSet.of(READ));
        assertThat(permissions.of(editor, publicWiki)).isEqualTo(EnumSet.of(READ, WRITE, UPLOAD));
        assertThat(permissions.of(viewer, publicWiki)).isEqualTo(EnumSet.of(READ));

        assertThat(catchThrowable(() -> permissions.require(editor, privateWiki, ADMIN)))
                .isInstanceOf(WikifarmException.Forbidden.class).hasMessageContaining("ADMIN");
        assertThat(catchThrowable(() -> permissions.require(viewer, privateWiki, WRITE)))
                .isInstanceOf(WikifarmException.Forbidden.class).hasMessageContaining("WRITE");
    }

    @Test
    void aRoleOnOneWikiGivesNothingOnAnother() {
        assertThat(users.roleOn(otherPrivateWiki.id(), editor.user().id())).isEmpty();
        assertThat(permissions.of(editor, otherPrivateWiki)).isEqualTo(NONE);
        assertThat(permissions.of(viewer, otherPrivateWiki)).isEqualTo(NONE);
        assertThat(catchThrowable(() -> permissions.require(editor, otherPrivateWiki, READ)))
                .isInstanceOf(WikifarmException.Forbidden.class);
    }

    @Test
    void grantingAgainReplacesTheRole() {
        db.inTransaction(connection -> {
            users.grant(connection, privateWiki.id(), viewer.user().id(), Role.EDITOR, owner.user().id());
            users.grant(connection, privateWiki.id(), editor.user().id(), Role.VIEWER, owner.user().id());
            return null;
        });

        assertThat(permissions.of(viewer, privateWiki)).isEqualTo(EnumSet.of(READ, WRITE, UPLOAD));
        assertThat(permissions.of(editor, privateWiki)).isEqualTo(EnumSet.of(READ));
    }

    @Test
    void aLapsedWikiIsReadOnlyForEveryone() {
        assertThat(permissions.of(owner, lapsedWiki)).isEqualTo(EnumSet.of(READ, ADMIN));
        assertThat(permissions.of(admin, lapsedWiki)).isEqualTo(EnumSet.of(READ, ADMIN));
        assertThat(permissions.of(editor, lapsedWiki)).isEqualTo(EnumSet.of(READ));
        assertThat(permissions.of(viewer, lapsedWiki)).isEqualTo(EnumSet.of(READ));
        assertThat(permissions.of(Caller.ANONYMOUS, lapsedWiki)).isEqualTo(EnumSet.of(READ));

        for (Caller caller : new Caller[] {owner, admin, editor}) {
            for (Permission permission : new Permission[] {WRITE, UPLOAD}) {
                Throwable thrown = catchThrowable(() -> permissions.require(caller, lapsedWiki, permission));
                assertThat(thrown).as("%s %s", caller.user().username(), permission)
                        .isInstanceOf(WikifarmException.Forbidden.class)
                        .hasMessage("This wiki is read-only because its subscription has lapsed.");
            }
        }
        permissions.require(owner, lapsedWiki, READ);
        permissions.require(owner, lapsedWiki, ADMIN);
    }

    @Test
    void accessLevelsOpenAWikiToEveryoneOrToAnyoneSignedIn() {
        Wiki open = with(privateWiki, AccessLevel.ANONYMOUS, AccessLevel.REGISTERED, AccessLevel.APPROVED);
        assertThat(permissions.of(Caller.ANONYMOUS, open)).containsExactly(READ);
        assertThat(permissions.of(stranger, open)).containsExactlyInAnyOrder(READ, WRITE);
        assertThat(permissions.of(viewer, open)).containsExactlyInAnyOrder(READ, WRITE);

        Wiki signedIn = with(privateWiki, AccessLevel.REGISTERED, AccessLevel.APPROVED, AccessLevel.APPROVED);
        assertThat(permissions.of(Caller.ANONYMOUS, signedIn)).isEmpty();
        assertThat(permissions.of(stranger, signedIn)).containsExactly(READ);

        Wiki uploads = with(privateWiki, AccessLevel.APPROVED, AccessLevel.APPROVED, AccessLevel.ANONYMOUS);
        assertThat(permissions.of(Caller.ANONYMOUS, uploads)).containsExactlyInAnyOrder(READ, UPLOAD);
        assertThat(permissions.of(stranger, uploads)).containsExactlyInAnyOrder(READ, UPLOAD);
    }

    @Test
    void aPublicWikiIsOneEveryoneMayRead() {
        assertThat(publicWiki.isPublic()).isTrue();
        assertThat(publicWiki.access().read()).isEqualTo(AccessLevel.ANONYMOUS);
        assertThat(privateWiki.isPublic()).isFalse();
        assertThat(with(privateWiki, AccessLevel.ANONYMOUS, AccessLevel.APPROVED, AccessLevel.APPROVED).isPublic())
                .isTrue();
    }

    @Test
    void writingImpliesReading() {
        Wiki wiki = with(privateWiki, AccessLevel.APPROVED, AccessLevel.REGISTERED, AccessLevel.APPROVED);
        assertThat(permissions.of(stranger, wiki)).containsExactlyInAnyOrder(READ, WRITE);
        assertThat(permissions.of(Caller.ANONYMOUS, wiki)).isEmpty();
        Wiki anyoneWrites = with(privateWiki, AccessLevel.APPROVED, AccessLevel.ANONYMOUS, AccessLevel.APPROVED);
        assertThat(permissions.of(Caller.ANONYMOUS, anyoneWrites)).containsExactlyInAnyOrder(READ, WRITE);
    }

    @Test
    void aLapsedWikiKeepsWhatItsLevelsGiveToReadButNotToWrite() {
        Wiki lapsedOpen = new Wiki(lapsedWiki.id(), lapsedWiki.ownerId(), lapsedWiki.owner(), lapsedWiki.slug(), null,
                lapsedWiki.displayName(), new AccessLevels(AccessLevel.APPROVED, AccessLevel.REGISTERED,
                AccessLevel.ANONYMOUS), PaymentStatus.LAPSED, lapsedWiki.createdAt(), null, 0);
        assertThat(permissions.of(stranger, lapsedOpen)).containsExactly(READ);
        assertThat(permissions.of(Caller.ANONYMOUS, lapsedOpen)).containsExactly(READ);
    }

    @Test
    void aTokenGivesItsRoleOnItsOwnWikiOnly() {
        Caller editorToken = token(privateWiki, Role.EDITOR, owner);
        Caller viewerToken = token(privateWiki, Role.VIEWER, owner);
        assertThat(permissions.of(editorToken, privateWiki)).containsExactlyInAnyOrder(READ, WRITE, UPLOAD);
        assertThat(permissions.of(viewerToken, privateWiki)).containsExactly(READ);
        assertThat(permissions.of(editorToken, otherPrivateWiki)).isEmpty();
        Wiki wideOpen = with(privateWiki, AccessLevel.ANONYMOUS, AccessLevel.ANONYMOUS, AccessLevel.ANONYMOUS);
        assertThat(permissions.of(viewerToken, wideOpen)).as("the levels give a token nothing beyond its role")
                .containsExactly(READ);
        Throwable refused = catchThrowable(() -> permissions.require(viewerToken, wideOpen, WRITE));
        assertThat(ErrorStatus.of(refused)).isEqualTo(403);
    }

    @Test
    void aTokenOfADisabledCreatorMayDoNothingUntilTheAccountIsEnabledAgain() {
        Caller editorToken = token(privateWiki, Role.EDITOR, owner);
        Caller onPublicWiki = token(publicWiki, Role.VIEWER, owner);

        users.setFlag(owner.user().id(), "disabled", true);

        assertThat(permissions.of(editorToken, privateWiki)).isEmpty();
        assertThat(permissions.of(onPublicWiki, publicWiki)).as("not even what anonymous readers may").isEmpty();
        assertThat(ErrorStatus.of(catchThrowable(() -> permissions.require(editorToken, privateWiki, READ))))
                .isEqualTo(403);

        users.setFlag(owner.user().id(), "disabled", false);

        assertThat(permissions.of(editorToken, privateWiki)).containsExactlyInAnyOrder(READ, WRITE, UPLOAD);
    }

    @Test
    void aTokenWhoseCreatorIsGoneIsDead() {
        assertThat(permissions.of(token(privateWiki, Role.EDITOR, null), privateWiki)).isEmpty();
        Caller ghost = Caller.of(new ApiToken("cccccccccccccccc", privateWiki.id(), "ghost", Role.EDITOR, 999_999L,
                Instant.now(), null));
        assertThat(permissions.of(ghost, privateWiki)).isEmpty();
    }

    @Test
    void aTokenNeverDoesMoreThanItsCreatorStillMay() {
        Caller editorsToken = token(privateWiki, Role.EDITOR, editor);
        assertThat(permissions.of(editorsToken, privateWiki)).containsExactlyInAnyOrder(READ, WRITE, UPLOAD);

        // The owner makes the token's creator a viewer: the token keeps reading and stops writing.
        grant(privateWiki, editor, Role.VIEWER);
        assertThat(permissions.of(editorsToken, privateWiki)).containsExactly(READ);

        // Removed from the wiki: nothing.
        db.inTransaction(connection -> users.revoke(connection, privateWiki.id(), editor.user().id()));
        assertThat(permissions.of(editorsToken, privateWiki)).isEmpty();

        // What the wiki's access levels give anyone signed in, the creator still has, and so does the token.
        Wiki signedIn = with(privateWiki, AccessLevel.REGISTERED, AccessLevel.REGISTERED, AccessLevel.APPROVED);
        assertThat(permissions.of(editorsToken, signedIn)).containsExactlyInAnyOrder(READ, WRITE);
    }

    @Test
    void aTokenOfAPlatformAdminWhoLostAdminLosesWhatAdminGave() {
        Caller adminsToken = token(privateWiki, Role.EDITOR, admin);
        assertThat(permissions.of(adminsToken, privateWiki)).containsExactlyInAnyOrder(READ, WRITE, UPLOAD);

        users.setFlag(admin.user().id(), "is_admin", false);

        assertThat(permissions.of(adminsToken, privateWiki)).isEmpty();
    }

    @Test
    void aTokenOfAnOwnerWhoTransferredTheWikiKeepsOnlyWhatTheOldOwnersNewRoleGives() {
        Caller ownersToken = token(privateWiki, Role.EDITOR, owner);
        Caller newOwner = signUp("dave");
        Wiki transferred = new Wiki(privateWiki.id(), newOwner.user().id(), newOwner.user().username(),
                privateWiki.slug(), null, privateWiki.displayName(), false, privateWiki.paymentStatus(),
                privateWiki.createdAt(), null, 0);
        grant(privateWiki, owner, Role.VIEWER);

        assertThat(permissions.of(ownersToken, transferred)).containsExactly(READ);
    }

    @Test
    void aLapsedWikiIsReadOnlyForTokensToo() {
        assertThat(permissions.of(token(lapsedWiki, Role.EDITOR, owner), lapsedWiki)).containsExactly(READ);
    }

    /** The wiki with other access levels. */
    private static Wiki with(Wiki wiki, AccessLevel read, AccessLevel write, AccessLevel attachment) {
        return new Wiki(wiki.id(), wiki.ownerId(), wiki.owner(), wiki.slug(), wiki.customSlug(), wiki.displayName(),
                new AccessLevels(read, write, attachment), wiki.paymentStatus(), wiki.createdAt(),
                wiki.lastAccessed(), wiki.pageCount());
    }

    private static Caller token(Wiki wiki, Role role, Caller creator) {
        return Caller.of(new ApiToken(Long.toString(System.nanoTime(), 32), wiki.id(), "bot", role,
                creator == null ? null : creator.user().id(), Instant.now(), null));
    }

    private void grant(Wiki wiki, Caller grantee, Role role) {
        db.inTransaction(connection -> {
            users.grant(connection, wiki.id(), grantee.user().id(), role, owner.user().id());
            return null;
        });
    }

    private Caller signUp(String name) {
        return new Caller(users.insertLocal(new Username(name), name + "@example.org", null, "unused-hash"));
    }

    private Wiki wiki(Caller owner, String slug, boolean isPublic, PaymentStatus status) {
        User user = owner.user();
        Wiki wiki = new Wiki(TenantId.generate(), user.id(), user.username(), new Slug(slug), null, slug, isPublic,
                status, Instant.parse("2026-01-01T00:00:00Z"), null, 0);
        WikiRepository wikis = new WikiRepository(db);
        db.inTransaction(connection -> {
            wikis.insert(connection, wiki);
            wikis.grantOwner(connection, wiki);
            return null;
        });
        assertThat(wikis.findById(wiki.id())).contains(wiki);
        return wiki;
    }
}
