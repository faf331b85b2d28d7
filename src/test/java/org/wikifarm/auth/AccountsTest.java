package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.mgt.WebSecurityManager;
import org.apache.shiro.web.subject.WebSubject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.config.Settings;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;

/**
 * {@link Accounts}: sign-up (the first account is the admin; a taken name is a 409), password changes, and the
 * caller of a request — one object per request, read from the platform database once and then remembered, so a
 * request after the first reads nothing; disabling an account or changing its password takes effect on the very
 * next request. Requests go through the real {@link CredentialsFilter} and Shiro with HTTP Basic.
 */
class AccountsTest {
    @TempDir
    Path dir;

    private AuthFixture farm;
    private WebSecurityManager security;
    private CredentialsFilter filter;

    @BeforeEach
    void setUp() {
        farm = new AuthFixture(dir);
        farm.signUp("alice");
        security = Security.manager(farm.users, farm.passwords, farm.tokens);
        filter = new CredentialsFilter(Settings.Proxy.DEFAULT, new LoginThrottle(farm.clock, address -> false));
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    @Test
    void aRequestHasOneCallerHoweverOftenItAsks() {
        List<Caller> callers = request("alice", "alice password", 3);

        assertThat(callers).hasSize(3).allSatisfy(caller -> assertThat(caller).isSameAs(callers.get(0)));
        assertThat(callers.get(0).user().username().value()).isEqualTo("alice");
    }

    @Test
    void aRequestAfterTheFirstReadsNothing() {
        request("alice", "alice password", 1);
        long statements = farm.db.statements();

        assertThat(request("alice", "alice password", 2)).hasSize(2);

        assertThat(farm.db.statements()).isEqualTo(statements);
    }

    @Test
    void aDisabledAccountIsRefusedOnItsNextRequest() {
        assertThat(request("alice", "alice password", 1)).hasSize(1);

        farm.admin.setDisabled(farm.boss, "alice", true);

        assertThat(request("alice", "alice password", 1)).as("refused with 401").isEmpty();
        farm.admin.setDisabled(farm.boss, "alice", false);
        assertThat(request("alice", "alice password", 1)).hasSize(1);
    }

    @Test
    void aNewPasswordIsNeededOnTheNextRequest() {
        List<Caller> first = request("alice", "alice password", 1);
        run(request -> farm.accounts.changePassword(first.get(0), "alice password", "a new password"));

        assertThat(request("alice", "alice password", 1)).isEmpty();
        assertThat(request("alice", "a new password", 1)).hasSize(1);
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        Caller alice = farm.user("alice");
        Throwable wrong = catchThrowable(() -> farm.accounts.changePassword(alice, "guess", "a new password"));

        assertThat(ErrorStatus.of(wrong)).isEqualTo(403);
        assertThat(request("alice", "alice password", 1)).hasSize(1);
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.accounts.changePassword(Caller.ANONYMOUS, "x", "y"))))
                .isEqualTo(401);
    }

    @Test
    void theFirstAccountIsTheAdminAndNamesAreTakenOnce() {
        assertThat(farm.boss.admin()).isTrue();
        assertThat(farm.user("alice").admin()).isFalse();
        Throwable taken = catchThrowable(() -> farm.signUp("alice"));
        assertThat(((WikifarmException) taken).code()).isEqualTo("username_taken");
        assertThat(ErrorStatus.of(catchThrowable(() -> farm.accounts.signUp(Caller.ANONYMOUS, "eve", "short", null,
                null)))).isEqualTo(400);
    }

    private interface Work {
        void run(HttpServletRequest request) throws Exception;
    }

    /** One request with HTTP Basic; the callers {@link Accounts#current()} gave it, none if it was refused. */
    private List<Caller> request(String username, String password, int asks) {
        List<Caller> callers = new ArrayList<>();
        String basic = Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpServletRequest request = new FakeHttp.RequestSpec(new FakeHttp.Browser(), "GET", "/api/v1/me")
                .header("Authorization", "Basic " + basic).request();
        HttpServletResponse response = new FakeHttp.Recorded().response();
        Subject subject = new WebSubject.Builder(security, request, response).buildWebSubject();
        subject.execute(() -> {
            filter.doFilter(request, response, (req, res) -> {
                for (int i = 0; i < asks; i++) {
                    callers.add(farm.accounts.current());
                }
            });
            return null;
        });
        return callers;
    }

    private void run(Work work) {
        HttpServletRequest request = new FakeHttp.RequestSpec(new FakeHttp.Browser(), "POST", "/account").request();
        Subject subject = new WebSubject.Builder(security, request, new FakeHttp.Recorded().response())
                .buildWebSubject();
        subject.execute(() -> {
            work.run(request);
            return null;
        });
    }
}
