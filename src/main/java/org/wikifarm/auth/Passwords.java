package org.wikifarm.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shiro.authc.credential.DefaultPasswordService;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * Hashes passwords with Shiro 2's default, argon2id. Verifying argon2id costs tens of milliseconds on purpose, too
 * much for every API call with HTTP Basic, so a successful check is remembered for a few minutes as a salted
 * SHA-256 of (stored hash, password) in memory only; the cache key includes the stored hash, so a changed password
 * invalidates it by itself.
 *
 * <p>A sign-in for an account that does not exist or may not sign in ({@link #matchesNothing}) checks the password
 * against a hash made here with the same parameters, so it costs what a real one costs and its timing does not tell
 * whether the account exists.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    private static final long REMEMBER_MILLIS = 5 * 60 * 1000;
    private static final int MAX_REMEMBERED = 10_000;

    /** The slow part: making and checking argon2id hashes. Tests count its calls. */
    public interface Hasher {
        String hash(String password);

        boolean matches(String password, String storedHash);
    }

    private final Hasher hasher;
    private final byte[] pepper = new byte[32];
    private final Map<String, Long> recentlyVerified = new ConcurrentHashMap<>();
    private final String decoyHash;

    public Passwords() {
        this(argon2());
    }

    public Passwords(Hasher hasher) {
        this.hasher = hasher;
        SecureRandom random = new SecureRandom();
        random.nextBytes(pepper);
        byte[] decoy = new byte[32];
        random.nextBytes(decoy);
        this.decoyHash = hasher.hash(java.util.HexFormat.of().formatHex(decoy));
    }

    private static Hasher argon2() {
        DefaultPasswordService service = new DefaultPasswordService();
        return new Hasher() {
            @Override
            public String hash(String password) {
                return service.encryptPassword(password);
            }

            @Override
            public boolean matches(String password, String storedHash) {
                return service.passwordsMatch(password, storedHash);
            }
        };
    }

    public static String checkStrength(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidInput("weak_password", "A password needs at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidInput("invalid_password", "A password may have at most " + MAX_LENGTH + " characters.");
        }
        return password;
    }

    public String hash(String password) {
        return hasher.hash(password);
    }

    /**
     * Does the work of a real check and answers false: for an unknown, disabled or password-less account, so that
     * signing in as one takes as long as signing in as an existing account with a wrong password.
     */
    public boolean matchesNothing(String password) {
        hasher.matches(password == null ? "" : password, decoyHash);
        return false;
    }

    public boolean matches(String password, String storedHash) {
        String key = fingerprint(password, storedHash);
        Long verifiedAt = recentlyVerified.get(key);
        long now = System.currentTimeMillis();
        if (verifiedAt != null && now - verifiedAt < REMEMBER_MILLIS) {
            return true;
        }
        boolean matches = hasher.matches(password, storedHash);
        if (matches) {
            if (recentlyVerified.size() >= MAX_REMEMBERED) {
                recentlyVerified.clear();
            }
            recentlyVerified.put(key, now);
        }
        return matches;
    }

    private String fingerprint(String password, String storedHash) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(pepper);
            digest.update(storedHash.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
