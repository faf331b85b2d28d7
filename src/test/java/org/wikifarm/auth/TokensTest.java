package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.TestFarm;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.tenant.Wiki;

/**
 * {@link Tokens}: only a wiki's administrators make, list and revoke its tokens; a token is found by its secret only
 * (constant-time, never by a wrong or truncated one), read once and then remembered, and refused at once when
 * revoked; its last use is written at most once a minute by the clock; one wiki's tokens are not another's.
 */
class TokensTest {
    @TempDir
    Path dir;

    private AuthFixture farm;
    private Caller alice;
    private Wiki wiki;
    private Wiki otherWiki;

    @BeforeEach
    void setUp() {
        farm = new AuthFixture(dir, TestFarm.limits().caps(20, 3, 100).build());
        alice = farm.signUp("alice");
        wiki = farm.wiki(alice, "notes", false);
        otherWiki = farm.wiki(farm.signUp("bob"), "notes", false);
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    @Test
    void onlyTheWikisAdministratorsManageTokens() {
        Caller bob = farm.user("bob");
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.tokens.create(bob, wiki, "x", "viewer")))).isEqualTo(403);
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.tokens.list(Caller.ANONYMOUS, wiki)))).isEqualTo(401);
        Tokens.Issued issued = farm.tokens.create(alice, wiki, "laptop", "editor");
        Caller token = Caller.of(farm.tokens.authenticate(issued.secret()).orElseThrow());
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.tokens.create(token, wiki, "x", "viewer"))))
                .as("a token cannot make tokens").isEqualTo(403);
        assertThat(farm.tokens.list(farm.boss, wiki)).extracting(ApiToken::name).containsExactly("laptop");
    }

    @Test
    void aTokenIsFoundByItsWholeSecretOnly() {
        Tokens.Issued issued = farm.tokens.create(alice, wiki, "laptop", "viewer");
        String secret = issued.secret();

        assertThat(farm.tokens.authenticate(secret)).map(ApiToken::id).contains(issued.token().id());
        assertThat(farm.tokens.authenticate(secret.substring(0, secret.length() - 1) + "x")).isEmpty();
        assertThat(farm.tokens.authenticate(secret.substring(0, secret.length() - 1))).isEmpty();
        assertThat(farm.tokens.authenticate(null)).isEmpty();
        assertThat(farm.tokens.authenticate("Bearer " + secret)).isEmpty();
    }

    @Test
    void aTokenIsReadOnceThenRememberedAndARevokeIsSeenAtOnce() {
        Tokens.Issued issued = farm.tokens.create(alice, wiki, "laptop", "viewer");
        farm.tokens.authenticate(issued.secret());
        long statements = farm.db.statements();

        for (int i = 0; i < 5; i++) {
            assertThat(farm.tokens.authenticate(issued.secret())).isPresent();
        }
        assertThat(farm.db.statements()).isEqualTo(statements);

        farm.tokens.revoke(alice, wiki, issued.token().id());
        assertThat(farm.tokens.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinute() {
        Tokens.Issued issued = farm.tokens.create(alice, wiki, "laptop", "viewer");
        java.time.Instant first = farm.clock.instant();
        farm.tokens.authenticate(issued.secret());

        farm.clock.advance(Duration.ofSeconds(59));
        farm.tokens.authenticate(issued.secret());
        assertThat(lastUse()).as("within the minute: not written again").isEqualTo(first);

        farm.clock.advance(Duration.ofSeconds(2));
        farm.tokens.authenticate(issued.secret());
        assertThat(lastUse()).isEqualTo(farm.clock.instant());
    }

    private java.time.Instant lastUse() {
        return farm.tokenRepository.list(wiki.id(), 10).get(0).lastUsedAt();
    }

    @Test
    void oneWikisTokensAreNotAnothers() {
        Tokens.Issued issued = farm.tokens.create(alice, wiki, "laptop", "editor");
        Caller token = Caller.of(farm.tokens.authenticate(issued.secret()).orElseThrow());

        assertThat(farm.permissions.of(token, otherWiki)).isEmpty();
        assertThat(farm.tokens.list(farm.user("bob"), otherWiki)).isEmpty();
        Throwable elsewhere = catchThrowable(() -> farm.tokens.revoke(farm.user("bob"), otherWiki,
                issued.token().id()));
        assertThat(((WikifarmException) elsewhere).code()).isEqualTo("token_not_found");
        assertThat(farm.tokens.authenticate(issued.secret())).isPresent();
    }

    @Test
    void namesRolesAndTheCapAreChecked() {
        assertThat(code(() -> farm.tokens.create(alice, wiki, " ", "viewer"))).isEqualTo("invalid_token_name");
        assertThat(code(() -> farm.tokens.create(alice, wiki, "x", "owner"))).isEqualTo("invalid_role");
        farm.tokens.create(alice, wiki, "one", "viewer");
        assertThat(code(() -> farm.tokens.create(alice, wiki, "one", "viewer"))).isEqualTo("token_name_taken");
        farm.tokens.create(alice, wiki, "two", "viewer");
        farm.tokens.create(alice, wiki, "three", "viewer");
        assertThat(code(() -> farm.tokens.create(alice, wiki, "four", "viewer"))).isEqualTo("too_many_tokens");
        assertThat(farm.tokens.create(alice, farm.wiki(alice, "more", false), "four", "viewer").token().name())
                .as("the cap is per wiki").isEqualTo("four");
    }

    private static String code(Runnable call) {
        return ((WikifarmException) catchThrowable(call::run)).code();
    }
}
