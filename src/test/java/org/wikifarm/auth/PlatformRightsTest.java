package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.WikiLease;
import org.wikifarm.tenant.Wiki;

/**
 * The platform's rights, all decided by {@link Permissions}: platform admins hold every one, anyone signed in may
 * create wikis, nobody else (visitors, tokens, disabled accounts) holds any. The services that need them ask —
 * the admin screen's lists and changes, the health endpoint's details, custom domains, sign-up while closed, the
 * wiki cap — and answer 401 to visitors and 403 to everyone else.
 */
class PlatformRightsTest {
    @TempDir
    Path dir;

    private AuthFixture farm;
    private Caller alice;
    private Caller token;

    @BeforeEach
    void setUp() {
        farm = new AuthFixture(dir);
        alice = farm.signUp("alice");
        Wiki wiki = farm.wiki(alice, "notes", false);
        token = Caller.of(new ApiToken("aaaaaaaaaaaaaaaa", wiki.id(), "bot", Role.EDITOR, alice.user().id(),
                Instant.now(), null));
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    @Test
    void adminsHoldEveryRightPeopleMayCreateWikisNobodyElseHoldsAny() {
        assertThat(rights(farm.boss)).isEqualTo(EnumSet.allOf(PlatformRight.class));
        assertThat(rights(alice)).containsExactly(PlatformRight.CREATE_WIKI);
        assertThat(rights(Caller.ANONYMOUS)).isEmpty();
        assertThat(rights(token)).as("a token belongs to its wiki, not to the platform").isEmpty();

        farm.admin.setDisabled(farm.boss, "alice", true);
        assertThat(rights(farm.user("alice"))).as("a disabled account").isEmpty();
    }

    @Test
    void visitorsAreAskedToSignInOthersAreRefused() {
        Throwable visitor = catchThrowable(() -> farm.permissions.require(Caller.ANONYMOUS, PlatformRight.ADMIN_AREA));
        assertThat(ErrorStatus.of(visitor)).isEqualTo(401);
        assertThat(visitor).hasMessage("Sign in as a platform administrator.");
        assertThat(catchThrowable(() -> farm.permissions.require(Caller.ANONYMOUS, PlatformRight.CREATE_WIKI)))
                .hasMessage("Sign in to create a wiki.");

        Throwable person = catchThrowable(() -> farm.permissions.require(alice, PlatformRight.MANAGE_USERS));
        assertThat(ErrorStatus.of(person)).isEqualTo(403);
        assertThat(person).hasMessage("Only platform administrators may do this.");
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.permissions.require(token, PlatformRight.CREATE_WIKI))))
                .isEqualTo(403);
    }

    @Test
    void theAdminServicesAskForTheirRights() {
        for (Runnable call : new Runnable[] {
                () -> farm.admin.users(alice, 10, 0),
                () -> farm.admin.setAdmin(alice, "boss", false),
                () -> farm.admin.setDisabled(alice, "boss", true),
                () -> farm.admin.setPaymentStatus(alice, "x", "lapsed"),
                () -> farm.admin.setSignupEnabled(alice, false),
                () -> farm.admin.domains(alice, "x"),
                () -> farm.admin.addDomain(alice, "x", "docs.example.com"),
                () -> farm.admin.removeDomain(alice, "x", "docs.example.com"),
                () -> farm.admin.requireManageUsers(alice)}) {
            assertThat(ErrorStatus.of(catchThrowable(call::run))).isEqualTo(403);
        }
        assertThat(farm.admin.users(farm.boss, 10, 0)).hasSize(2);
    }

    @Test
    void healthDetailsAreForAdminsOnly() {
        assertThat(farm.admin.healthDetails(farm.boss)).isPresent();
        assertThat(farm.admin.healthDetails(alice)).isEmpty();
        assertThat(farm.admin.healthDetails(Caller.ANONYMOUS)).isEmpty();
        assertThat(farm.admin.healthDetails(token)).isEmpty();
    }

    @Test
    void signUpIsOpenWhileOpenAndToAdminsAlways() {
        farm.signupOpen = false;

        Throwable closed = catchThrowable(() -> farm.accounts.signUp(Caller.ANONYMOUS, "eve", "eve password", null,
                null));
        assertThat(ErrorStatus.of(closed)).isEqualTo(403);
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.accounts.signUp(alice, "eve", "eve password", null,
                null)))).isEqualTo(403);
        assertThat(farm.accounts.signUp(farm.boss, "eve", "eve password", null, null).username().value())
                .isEqualTo("eve");
        assertThat(farm.permissions.maySignUp(Caller.ANONYMOUS, false, () -> true))
                .as("the platform's very first account").isTrue();
    }

    @Test
    void creatingAWikiNeedsSomeoneSignedIn() {
        Throwable visitor = catchThrowable(() -> farm.catalog.create(Caller.ANONYMOUS, "mine", null, false));
        assertThat(ErrorStatus.of(visitor)).isEqualTo(401);
        assertThat(((WikifarmException) visitor).getMessage()).isEqualTo("Sign in to create a wiki.");
        assertThat(farm.catalog.create(alice, "mine", null, true).owner().value()).isEqualTo("alice");
    }

    @Test
    void adminsAreNotCountedAgainstTheWikiCap() {
        assertThat(farm.permissions.counted(alice.user())).isTrue();
        assertThat(farm.permissions.counted(farm.boss.user())).isFalse();
    }

    @Test
    void onlyAdminsSeeAndCloseOpenWikisAndOneInUseIsA409() {
        Wiki wiki = farm.wiki(alice, "open", false);
        try (WikiLease lease = farm.files.acquire(wiki.id())) {
            assertThat(farm.admin.openWikis(farm.boss)).anySatisfy(line -> {
                assertThat(line.open().id()).isEqualTo(wiki.id());
                assertThat(line.open().leases()).isEqualTo(1);
                assertThat(line.wiki()).hasValueSatisfying(row -> assertThat(row.slug().value()).isEqualTo("open"));
            });
            Throwable busy = catchThrowable(() -> farm.admin.closeWiki(farm.boss, wiki.id().value()));
            assertThat(ErrorStatus.of(busy)).isEqualTo(409);
            assertThat(((WikifarmException) busy).code()).isEqualTo("wiki_in_use");
            assertThat(farm.admin.closeIdleWikis(farm.boss)).isGreaterThanOrEqualTo(0);
            assertThat(farm.files.list()).extracting(info -> info.id()).contains(wiki.id());
        }
        for (Caller nobody : new Caller[] {alice, token, Caller.ANONYMOUS}) {
            int status = nobody.anonymous() ? 401 : 403;
            assertThat(ErrorStatus.of(catchThrowable(() -> farm.admin.openWikis(nobody)))).isEqualTo(status);
            assertThat(ErrorStatus.of(catchThrowable(() -> farm.admin.closeWiki(nobody, wiki.id().value()))))
                    .isEqualTo(status);
            assertThat(ErrorStatus.of(catchThrowable(() -> farm.admin.closeIdleWikis(nobody)))).isEqualTo(status);
        }
        farm.admin.closeWiki(farm.boss, wiki.id().value());
        assertThat(farm.files.list()).extracting(info -> info.id()).doesNotContain(wiki.id());
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.admin.closeWiki(farm.boss, wiki.id().value()))))
                .isEqualTo(404);
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.admin.closeWiki(farm.boss, "../x")))).isEqualTo(404);
    }

    private Set<PlatformRight> rights(Caller caller) {
        return Stream.of(PlatformRight.values()).filter(right -> farm.permissions.may(caller, right))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PlatformRight.class)));
    }
}
