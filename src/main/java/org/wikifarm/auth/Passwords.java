package org.wikifarm.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shiro.authc.credential.DefaultPasswordService;
import org.wikifarm.app.WikifarmException.InvalidInput;

/**
 * Hashes passwords with Shiro 2's default, argon2id. Verifying argon2id costs tens of milliseconds on purpose, too
 * much for every API call with HTTP Basic, so a successful check is remembered for a few minutes as a salted
 * SHA-256 of (stored hash, password) in memory only; the cache key includes the stored hash, so a changed password
 * invalidates it by itself.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    private static final long REMEMBER_MILLIS = 5 * 60 * 1000;
    private static final int MAX_REMEMBERED = 10_000;

    private final DefaultPasswordService service = new DefaultPasswordService();
    private final byte[] pepper = new byte[32];
    private final Map<String, Long> recentlyVerified = new ConcurrentHashMap<>();

    public Passwords() {
        new SecureRandom().nextBytes(pepper);
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
        return service.encryptPassword(password);
    }

    public boolean matches(String password, String storedHash) {
        String key = fingerprint(password, storedHash);
        Long verifiedAt = recentlyVerified.get(key);
        long now = System.currentTimeMillis();
        if (verifiedAt != null && now - verifiedAt < REMEMBER_MILLIS) {
            return true;
        }
        boolean matches = service.passwordsMatch(password, storedHash);
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
