package org.wikifarm.auth;

import org.wikifarm.store.TestPlatforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.wikifarm.auth.Permission.ADMIN;
import static org.wikifarm.auth.Permission.READ;
import static org.wikifarm.auth.Permission.UPLOAD;
import static org.wikifarm.auth.Permission.WRITE;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Wiki;

/**
 * What a caller may do on a wiki is decided once per request and reused by every check of it, and what the decision
 * is made from is read from the platform database at most once per {@code authCacheSeconds}: a change made on this
 * node is seen at once (even by a request already under way), one made by another node within the bound. Counted
 * with {@link Permissions#evaluations()} and {@link PlatformDatabase#statements()}; time is the fixture's clock.
 */
class DecisionsTest {
    @TempDir
    Path dir;

    private AuthFixture farm;
    private Caller alice;
    private Caller bob;
    private Wiki wiki;

    @BeforeEach
    void setUp() {
        farm = new AuthFixture(dir);
        alice = farm.signUp("alice");
        bob = farm.signUp("bob");
        wiki = farm.wiki(alice, "notes", false);
        farm.members.grant(alice, wiki, "bob", "editor");
        wiki = farm.now(wiki);
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    @Test
    void oneRequestDecidesOnceWhateverItAsks() {
        Caller request = farm.again(bob);
        long evaluations = farm.permissions.evaluations();
        long statements = farm.db.statements();

        // As a page view does: the service checks, the screen shows or hides edit and admin, the layout asks again.
        farm.permissions.require(request, wiki, READ);
        assertThat(farm.permissions.of(request, wiki)).containsExactlyInAnyOrder(READ, WRITE, UPLOAD);
        farm.permissions.require(request, wiki, WRITE);
        assertThat(farm.permissions.of(request, wiki).contains(ADMIN)).isFalse();
        assertThat(farm.permissions.of(request, wiki).contains(WRITE)).isTrue();

        assertThat(farm.permissions.evaluations() - evaluations).isEqualTo(1);
        assertThat(farm.db.statements() - statements).as("the role, read once").isLessThanOrEqualTo(1);
    }

    @Test
    void theNextRequestDecidesAgainFromWhatIsRemembered() {
        farm.permissions.of(farm.again(bob), wiki);
        Caller next = farm.again(bob);
        long evaluations = farm.permissions.evaluations();
        long statements = farm.db.statements();

        assertThat(farm.permissions.of(next, wiki)).containsExactlyInAnyOrder(READ, WRITE, UPLOAD);
        assertThat(farm.permissions.of(next, wiki)).containsExactlyInAnyOrder(READ, WRITE, UPLOAD);

        assertThat(farm.permissions.evaluations() - evaluations).isEqualTo(1);
        assertThat(farm.db.statements() - statements).as("nothing read: the role is remembered").isZero();
    }

    @Test
    void aTokensDecisionReadsItsCreatorOnceAndThenNothing() {
        Tokens.Issued issued = farm.tokens.create(alice, wiki, "bot", "editor");
        farm.permissions.of(Caller.of(farm.tokens.authenticate(issued.secret()).orElseThrow()), wiki);
        long statements = farm.db.statements();
        long evaluations = farm.permissions.evaluations();

        Caller request = Caller.of(farm.tokens.authenticate(issued.secret()).orElseThrow());
        for (int i = 0; i < 4; i++) {
            farm.permissions.require(request, wiki, WRITE);
        }

        assertThat(farm.permissions.evaluations() - evaluations).isEqualTo(1);
        assertThat(farm.db.statements() - statements).as("token, creator and role remembered").isZero();
    }

    @Test
    void aDecisionOnOneWikiIsNeverReusedOnAnother() {
        Wiki diary = farm.wiki(alice, "diary", false);
        Wiki bobsOwn = farm.wiki(bob, "notes", false);
        Caller request = farm.again(bob);
        long evaluations = farm.permissions.evaluations();

        assertThat(farm.permissions.of(request, wiki)).containsExactlyInAnyOrder(READ, WRITE, UPLOAD);
        assertThat(farm.permissions.of(request, diary)).as("alice's other wiki, same slug space").isEmpty();
        assertThat(farm.permissions.of(request, bobsOwn)).as("bob's own wiki of the same slug")
                .containsExactlyInAnyOrder(READ, WRITE, UPLOAD, ADMIN);
        assertThat(farm.permissions.of(request, wiki)).containsExactlyInAnyOrder(READ, WRITE, UPLOAD);

        assertThat(farm.permissions.evaluations() - evaluations).isEqualTo(3);
        assertThat(farm.permissions.of(Caller.ANONYMOUS, diary)).isEmpty();
    }

    @Test
    void aChangeOnThisNodeIsSeenAtOnceEvenByARequestUnderWay() {
        Caller request = farm.again(bob);
        assertThat(farm.permissions.of(request, wiki)).contains(WRITE);

        farm.members.grant(alice, wiki, "bob", "viewer");

        assertThat(farm.permissions.of(request, wiki)).containsExactly(READ);
        assertThat(farm.permissions.of(farm.again(bob), wiki)).containsExactly(READ);

        farm.members.revoke(alice, wiki, "bob");

        assertThat(farm.permissions.of(request, wiki)).isEmpty();
    }

    @Test
    void anotherNodesChangeIsSeenWithinTheBound() {
        assertThat(farm.permissions.of(farm.again(bob), wiki)).contains(WRITE);
        try (PlatformDatabase otherNode = TestPlatforms.open(dir.resolve("platform.db"))) {
            UserRepository theirUsers = new UserRepository(otherNode);
            otherNode.inTransaction(connection -> theirUsers.revoke(connection, wiki.id(), bob.user().id()));
        }

        farm.clock.advance(AuthFixture.BOUND.minusSeconds(1));
        assertThat(farm.permissions.of(farm.again(bob), wiki)).as("remembered, within the bound").contains(WRITE);

        farm.clock.advance(Duration.ofSeconds(2));
        assertThat(farm.permissions.of(farm.again(bob), wiki)).as("past the bound").isEmpty();
    }

    @Test
    void aDecisionIsNotReusedForAWikiWhoseLevelsOrOwnerChanged() {
        Caller carol = farm.signUp("carol");
        Caller request = farm.again(carol);
        assertThat(farm.permissions.of(request, wiki)).isEmpty();

        farm.settings.update(alice, wiki, new WikiSettings.Change(null, null, "REGISTERED", "REGISTERED", null));
        Wiki reopened = farm.wikiRepository.findByOwnerAndSlug(alice.user().username(), new Slug("notes"))
                .orElseThrow();

        assertThat(reopened.access().read().name()).isEqualTo("REGISTERED");
        assertThat(farm.permissions.of(request, reopened)).containsExactlyInAnyOrder(READ, WRITE);
    }

    @Test
    void disablingATokensCreatorOrTakingTheirAdminRightsIsSeenAtOnce() {
        farm.signUp("dave");
        farm.admin.setAdmin(farm.boss, "dave", true);
        Caller byDave = token(farm.tokens.create(farm.user("dave"), wiki, "daves", "editor"));
        Caller byAlice = token(farm.tokens.create(alice, wiki, "alices", "editor"));
        assertThat(farm.permissions.of(byDave, wiki)).contains(WRITE);
        assertThat(farm.permissions.of(byAlice, wiki)).contains(WRITE);

        farm.admin.setAdmin(farm.boss, "dave", false);
        farm.admin.setDisabled(farm.boss, "alice", true);

        assertThat(farm.permissions.of(byDave, wiki)).as("dave is no longer an admin, nor a member").isEmpty();
        assertThat(farm.permissions.of(byAlice, wiki)).as("alice is disabled").isEmpty();
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        Tokens.Issued issued = farm.tokens.create(alice, wiki, "bot", "viewer");
        assertThat(farm.tokens.authenticate(issued.secret())).isPresent();

        farm.tokens.revoke(alice, wiki, issued.token().id());

        assertThat(farm.tokens.authenticate(issued.secret())).isEmpty();
    }

    private Caller token(Tokens.Issued issued) {
        return Caller.of(farm.tokens.authenticate(issued.secret()).orElseThrow());
    }
}
