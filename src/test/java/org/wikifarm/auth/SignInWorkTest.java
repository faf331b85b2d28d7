package org.wikifarm.auth;

import org.wikifarm.store.TestPlatforms;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.mgt.WebSecurityManager;
import org.apache.shiro.web.subject.WebSubject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wikifarm.config.Settings;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.tenant.Username;
import org.wikifarm.web.PlatformServlet;

/**
 * Whether a local account exists must not show in how long signing in takes: every attempt, on every sign-in path,
 * verifies exactly one password hash. Counted, not timed: the hasher is a counting fake.
 */
class SignInWorkTest {
    private static final String RIGHT = "the right password";

    @TempDir
    Path dir;

    private PlatformDatabase db;
    private UserRepository users;
    private WebSecurityManager security;
    private Accounts accounts;
    private final AtomicInteger checks = new AtomicInteger();

    /** Who tries to sign in, and with which password. */
    enum Attempt {
        EXISTING_RIGHT_PASSWORD("alice", RIGHT, true),
        EXISTING_WRONG_PASSWORD("alice", "a wrong password", false),
        UNKNOWN_USER("nobody-here", RIGHT, false),
        NOT_EVEN_A_USERNAME("No Body!", RIGHT, false),
        DISABLED_USER("dora", RIGHT, false),
        PROXY_ACCOUNT_WITHOUT_PASSWORD("proxied", RIGHT, false);

        final String username;
        final String password;
        final boolean succeeds;

        Attempt(String username, String password, boolean succeeds) {
            this.username = username;
            this.password = password;
            this.succeeds = succeeds;
        }
    }

    @BeforeEach
    void setUp() {
        db = TestPlatforms.open(dir.resolve("platform.db"));
        users = new UserRepository(db);
        Passwords passwords = new Passwords(new Passwords.Hasher() {
            @Override
            public String hash(String password) {
                return "fake$" + password;
            }

            @Override
            public boolean matches(String password, String storedHash) {
                checks.incrementAndGet();
                return storedHash.equals("fake$" + password);
            }
        });
        users.insertLocal(new Username("boss"), null, null, passwords.hash("boss password"));
        users.insertLocal(new Username("alice"), null, null, passwords.hash(RIGHT));
        User dora = users.insertLocal(new Username("dora"), null, null, passwords.hash(RIGHT));
        users.setFlag(dora.id(), "disabled", true);
        users.provision(new ProxyIdentity("proxied", "proxied@example.org", null));
        security = Security.manager(users, passwords, new Tokens(new TokenRepository(db),
                new Permissions(users), org.wikifarm.config.Settings.Limits.DEFAULT));
        accounts = new Accounts(users, passwords, () -> true);
        checks.set(0);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @ParameterizedTest
    @EnumSource(Attempt.class)
    void theLoginFormChecksOnePasswordHash(Attempt attempt) throws Exception {
        PlatformServlet servlet = new PlatformServlet(accounts, null, null, throttle());
        FakeHttp.Browser browser = new FakeHttp.Browser();
        FakeHttp.RequestSpec form = new FakeHttp.RequestSpec(browser, "GET", "/login");
        HttpServletRequest formRequest = form.request();
        run(formRequest, new FakeHttp.Recorded().response(), () -> servlet.service(formRequest,
                new FakeHttp.Recorded().response()));
        String csrf = (String) form.attributes.get("csrf");
        checks.set(0);

        FakeHttp.RequestSpec post = new FakeHttp.RequestSpec(browser, "POST", "/login")
                .parameter("csrf", csrf).parameter("username", attempt.username).parameter("password", attempt.password);
        HttpServletRequest request = post.request();
        FakeHttp.Recorded answer = new FakeHttp.Recorded();
        HttpServletResponse response = answer.response();
        run(request, response, () -> servlet.service(request, response));

        assertThat(answer.status).as("the answer to %s", attempt).isEqualTo(attempt.succeeds ? 303 : 401);
        assertThat(checks).as("password hashes checked for %s", attempt).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Attempt.class)
    void httpBasicChecksOnePasswordHash(Attempt attempt) throws Exception {
        CredentialsFilter filter = new CredentialsFilter(Settings.Proxy.DEFAULT, throttle());
        String basic = Base64.getEncoder().encodeToString((attempt.username + ":" + attempt.password)
                .getBytes(StandardCharsets.UTF_8));
        HttpServletRequest request = new FakeHttp.RequestSpec(new FakeHttp.Browser(), "GET", "/api/v1/me")
                .header("Authorization", "Basic " + basic).request();
        FakeHttp.Recorded answer = new FakeHttp.Recorded();
        HttpServletResponse response = answer.response();
        AtomicBoolean passedOn = new AtomicBoolean();
        FilterChain chain = (req, res) -> passedOn.set(true);

        run(request, response, () -> filter.doFilter(request, response, chain));

        assertThat(passedOn.get()).as("%s reached the API", attempt).isEqualTo(attempt.succeeds);
        assertThat(answer.status).as("the answer to %s", attempt).isEqualTo(attempt.succeeds ? 200 : 401);
        assertThat(checks).as("password hashes checked for %s", attempt).hasValue(1);
    }

    private static LoginThrottle throttle() {
        return new LoginThrottle(Clock.systemUTC(), address -> false);
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} as Shiro's filter would: with a subject bound to this request. */
    private void run(HttpServletRequest request, HttpServletResponse response, Work work) throws Exception {
        Subject subject = new WebSubject.Builder(security, request, response).buildWebSubject();
        subject.execute(() -> {
            work.run();
            return null;
        });
    }
}
