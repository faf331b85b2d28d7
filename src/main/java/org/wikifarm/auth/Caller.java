package org.wikifarm.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is making the current request: a signed-in user, a wiki's bearer token, or nobody. A caller carries what
 * {@link Permissions} decided for it on each wiki it met ({@link Decisions}), so every check of one request — the
 * service, the screen that shows or hides actions, the layout — reuses one evaluation. {@link Accounts#current()}
 * gives one caller per request.
 */
public final class Caller {
    /** Nobody signed in. Its decisions depend on nothing but the wiki, so one memo serves every request. */
    public static final Caller ANONYMOUS = new Caller(null, null);

    private final User user;
    private final ApiToken token;
    private final Decisions decisions = new Decisions();

    public Caller(User user, ApiToken token) {
        this.user = user;
        this.token = token;
    }

    public Caller(User user) {
        this(user, null);
    }

    public static Caller of(ApiToken token) {
        return new Caller(null, token);
    }

    public User user() {
        return user;
    }

    public ApiToken token() {
        return token;
    }

    public boolean anonymous() {
        return user == null && token == null;
    }

    /** Whether this is a person with platform admin rights (what that allows is {@link Permissions}' to say). */
    public boolean admin() {
        return user != null && user.admin();
    }

    public Optional<User> asUser() {
        return Optional.ofNullable(user);
    }

    public Optional<ApiToken> asToken() {
        return Optional.ofNullable(token);
    }

    Decisions decisions() {
        return decisions;
    }

    /** Two callers are the same identity; what they remember does not matter. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Caller caller && Objects.equals(user, caller.user)
                && Objects.equals(token, caller.token);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, token);
    }

    @Override
    public String toString() {
        return token != null ? "Caller[token " + token.id() + "]"
                : user != null ? "Caller[" + user.username() + "]" : "Caller[anonymous]";
    }
}
