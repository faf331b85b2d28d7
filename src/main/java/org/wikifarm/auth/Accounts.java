package org.wikifarm.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import jakarta.servlet.ServletRequest;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.session.Session;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.subject.WebSubject;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.PlatformDatabase.PlatformSqlException;
import org.wikifarm.tenant.Username;

/**
 * Local accounts: sign-up, password changes and finding out who the current caller is. A browser session signed in
 * with a password remembers a stamp of that password ({@link #stampSession}); once the password changes, every other
 * session of the account is signed out on its next request. Who may sign up is {@link Permissions}' to say.
 */
public final class Accounts {
    private static final String CREDENTIALS_STAMP = Accounts.class.getName() + ".credentialsStamp";
    private static final String CALLER = Accounts.class.getName() + ".caller";

    /** The caller found for a request, and the principal it was found for. */
    private record Found(Object principal, Caller caller) {
    }

    private final UserRepository users;
    private final Passwords passwords;
    private final BooleanSupplier signupOpen;
    private final Predicate<String> familyAlive;
    private final Permissions permissions;

    /** @param signupOpen whether sign-up is open now (an admin can switch it at run time) */
    public Accounts(UserRepository users, Passwords passwords, BooleanSupplier signupOpen) {
        this(users, passwords, signupOpen, family -> false, new Permissions(users));
    }

    /**
     * @param familyAlive whether the platform sign-in a custom domain's session was made from is still signed in
     *                    ({@link SignInFamilies#alive}); such a session ends with it
     */
    public Accounts(UserRepository users, Passwords passwords, BooleanSupplier signupOpen,
                    Predicate<String> familyAlive, Permissions permissions) {
        this.users = users;
        this.passwords = passwords;
        this.signupOpen = signupOpen;
        this.familyAlive = familyAlive;
        this.permissions = permissions;
    }

    /** Changes a local account's password after checking the current one. */
    public void changePassword(Caller caller, String current, String replacement) {
        User user = caller.asUser()
                .orElseThrow(() -> new WikifarmException.Unauthenticated("Sign in to change your password."));
        UserRepository.LocalCredentials credentials = users.findLocalCredentials(user.username())
                .orElseThrow(() -> new WikifarmException.Conflict("not_local",
                        "Your account signs in through your organisation's proxy; it has no password here."));
        if (current == null || !passwords.matches(current, credentials.passwordHash())) {
            throw new WikifarmException.Forbidden("The current password is wrong.");
        }
        users.setPassword(user.id(), passwords.hash(Passwords.checkStrength(replacement)));
        stampSession();
    }

    /**
     * Marks the current session (if any) as signed in with the account's present password: called after a sign-in
     * through the login form and after a password change, so the session that changed it stays signed in.
     */
    public void stampSession() {
        Subject subject = SecurityUtils.getSubject();
        Session session = subject.getSession(false);
        if (session != null && subject.getPrincipal() instanceof Long id) {
            users.findWithPasswordHash(id).map(UserRepository.WithPasswordHash::passwordHash)
                    .ifPresent(hash -> session.setAttribute(CREDENTIALS_STAMP, stamp(hash)));
        }
    }

    /**
     * The stamp of the account's present password ({@code "-"} for an account without one: signed in by a proxy),
     * or empty when there is no such account: what a farm pass carries ({@link FarmPass}).
     */
    Optional<String> passwordStamp(long userId) {
        return users.findWithPasswordHash(userId).map(found -> found.passwordHash() == null ? "-"
                : stamp(found.passwordHash()));
    }

    /** A digest of the password hash: changes with every new password (each has a new salt), reveals nothing. */
    private static String stamp(String passwordHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a stamped session was signed in with a password that is not the account's present one. */
    private static boolean stale(Subject subject, String passwordHash) {
        Session session = subject.getSession(false);
        Object stamped = session == null ? null : session.getAttribute(CREDENTIALS_STAMP);
        return stamped != null && (passwordHash == null || !stamped.equals(stamp(passwordHash)));
    }

    /** Whether this is a custom domain's session whose platform sign-in has ended (signed out, expired). */
    private boolean signedOutElsewhere(Subject subject) {
        Session session = subject.getSession(false);
        Object family = session == null ? null : session.getAttribute(SignInFamilies.MEMBER);
        return family != null && !familyAlive.test(family.toString());
    }

    public boolean signupOpen() {
        return signupOpen.getAsBoolean();
    }

    /**
     * Creates a local account. Open to anyone while sign-up is enabled; otherwise only admins may add accounts.
     * The first account of the platform becomes its admin, whatever the setting says.
     */
    public User signUp(Caller caller, String username, String password, String email, String displayName) {
        Username name = new Username(username);
        Passwords.checkStrength(password);
        String cleanEmail = Profile.checkEmail(email);
        String cleanName = Profile.checkDisplayName(displayName);
        if (!permissions.maySignUp(caller, signupOpen.getAsBoolean(), () -> !users.any())) {
            throw new WikifarmException.Forbidden("Sign-up is closed; ask an administrator for an account.");
        }
        try {
            return users.insertLocal(name, cleanEmail, cleanName, passwords.hash(password));
        } catch (PlatformSqlException e) {
            if (e.isUniqueViolation()) {
                throw new WikifarmException.Conflict("username_taken",
                        "That username is taken (by a person, or as the address of a wiki).");
            }
            throw e;
        }
    }

    /**
     * The caller of the current request, from the Shiro subject bound to this thread. Found once per request and
     * then the same object, so what {@link Permissions} decides for it is reused by every check of the request; a
     * sign-in or sign-out during the request (another principal) finds it again.
     */
    public Caller current() {
        Subject subject = SecurityUtils.getSubject();
        ServletRequest request = subject instanceof WebSubject web ? web.getServletRequest() : null;
        if (request != null && request.getAttribute(CALLER) instanceof Found found
                && Objects.equals(found.principal(), subject.getPrincipal())) {
            return found.caller();
        }
        Caller caller = find(subject);
        if (request != null) {
            request.setAttribute(CALLER, new Found(subject.getPrincipal(), caller));
        }
        return caller;
    }

    private Caller find(Subject subject) {
        Object principal = subject.getPrincipal();
        if (principal instanceof ApiToken token) {
            return Caller.of(token);
        }
        if (!(principal instanceof Long id)) {
            return Caller.ANONYMOUS;
        }
        Optional<UserRepository.WithPasswordHash> found = users.findWithPasswordHash(id);
        if (found.isPresent() && stale(subject, found.get().passwordHash()) || signedOutElsewhere(subject)) {
            subject.logout();
            return Caller.ANONYMOUS;
        }
        return found.map(UserRepository.WithPasswordHash::user).filter(user -> !user.disabled()).map(Caller::new)
                .orElse(Caller.ANONYMOUS);
    }
}
