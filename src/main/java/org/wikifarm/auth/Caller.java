package org.wikifarm.auth;

import java.util.Optional;

/** Who is making the current request: a signed-in user, a wiki's bearer token, or nobody. */
public record Caller(User user, ApiToken token) {
    public static final Caller ANONYMOUS = new Caller(null, null);

    public Caller(User user) {
        this(user, null);
    }

    public static Caller of(ApiToken token) {
        return new Caller(null, token);
    }

    public boolean anonymous() {
        return user == null && token == null;
    }

    public boolean admin() {
        return user != null && user.admin();
    }

    public Optional<User> asUser() {
        return Optional.ofNullable(user);
    }

    public Optional<ApiToken> asToken() {
        return Optional.ofNullable(token);
    }
}
