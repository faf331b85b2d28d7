package org.wikifarm.auth;

import java.util.Optional;

/** Who is making the current request: a signed-in user, or nobody. */
public record Caller(User user) {
    public static final Caller ANONYMOUS = new Caller(null);

    public boolean anonymous() {
        return user == null;
    }

    public boolean admin() {
        return user != null && user.admin();
    }

    public Optional<User> asUser() {
        return Optional.ofNullable(user);
    }
}
