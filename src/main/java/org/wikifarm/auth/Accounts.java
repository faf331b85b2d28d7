package org.wikifarm.auth;

import org.apache.shiro.SecurityUtils;
import org.apache.shiro.subject.Subject;
import org.wikifarm.app.WikifarmException;
import org.wikifarm.app.WikifarmException.InvalidInput;
import org.wikifarm.store.PlatformDatabase.PlatformSqlException;
import org.wikifarm.tenant.Username;

/** Local accounts: sign-up and finding out who the current caller is. */
public final class Accounts {
    private static final int MAX_EMAIL = 254;
    private static final int MAX_DISPLAY_NAME = 100;

    private final UserRepository users;
    private final Passwords passwords;
    private final boolean signupEnabled;

    public Accounts(UserRepository users, Passwords passwords, boolean signupEnabled) {
        this.users = users;
        this.passwords = passwords;
        this.signupEnabled = signupEnabled;
    }

    /**
     * Creates a local account. Open to anyone while sign-up is enabled; otherwise only admins may add accounts.
     * The first account of the platform becomes its admin, whatever the setting says.
     */
    public User signUp(Caller caller, String username, String password, String email, String displayName) {
        Username name = new Username(username);
        Passwords.checkStrength(password);
        String cleanEmail = optional(email, MAX_EMAIL, "email");
        if (cleanEmail != null && (!cleanEmail.contains("@") || cleanEmail.chars().anyMatch(Character::isWhitespace))) {
            throw new InvalidInput("invalid_email", "That does not look like an email address.");
        }
        String cleanName = optional(displayName, MAX_DISPLAY_NAME, "display_name");
        if (!signupEnabled && !caller.admin() && users.any()) {
            throw new WikifarmException.Forbidden("Sign-up is closed; ask an administrator for an account.");
        }
        try {
            return users.insertLocal(name, cleanEmail, cleanName, passwords.hash(password));
        } catch (PlatformSqlException e) {
            if (e.isUniqueViolation()) {
                throw new WikifarmException.Conflict("username_taken", "That username is taken.");
            }
            throw e;
        }
    }

    /** The caller of the current request, from the Shiro subject bound to this thread. */
    public Caller current() {
        Subject subject = SecurityUtils.getSubject();
        Object principal = subject.getPrincipal();
        if (!(principal instanceof Long id)) {
            return Caller.ANONYMOUS;
        }
        return users.findById(id).filter(user -> !user.disabled()).map(Caller::new).orElse(Caller.ANONYMOUS);
    }

    private static String optional(String value, int max, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String clean = value.strip();
        if (clean.length() > max || clean.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidInput("invalid_" + field, field + " may have at most " + max
                    + " characters and no control characters.");
        }
        return clean;
    }
}
