package org.wikifarm.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sign-in a browser carries from node to node of a farm (docs/scale-out.md, "Signing in on several nodes"): a
 * cookie value {@code v1.<user id>.<issued, epoch seconds>.<password stamp>.<HMAC-SHA256>} signed with the nodes'
 * shared {@code nodeSecret}, so every node can check it and none keeps anything. It is refused once it is older than
 * {@link #LIFETIME}, and once the account's password changed (the stamp differs), so a password change signs every
 * node out; signing out removes the cookie. Values are bounded and parsed without regular expressions.
 */
public final class FarmPass {
    /** The cookie's name. */
    public static final String COOKIE = "wikifarm_pass";
    /** How long a pass is accepted after it was issued (a browser session's sign-in, at most). */
    static final Duration LIFETIME = Duration.ofDays(14);
    private static final int MAX_CHARS = 200;

    private final byte[] key;
    private final Clock clock;

    public FarmPass(String secret, Clock clock) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** What a valid pass says. */
    record Claim(long userId, String stamp) {
    }

    String issue(long userId, String stamp) {
        String body = "v1." + userId + "." + clock.instant().getEpochSecond() + "." + stamp;
        return body + "." + mac(body);
    }

    /** The claim of a pass that is well formed, signed by the farm and not too old; empty otherwise. */
    Optional<Claim> read(String value) {
        if (value == null || value.length() > MAX_CHARS) {
            return Optional.empty();
        }
        int lastDot = value.lastIndexOf('.');
        if (lastDot < 0) {
            return Optional.empty();
        }
        String body = value.substring(0, lastDot);
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII),
                value.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = new String[4];
        int from = 0;
        for (int i = 0; i < 3; i++) {
            int dot = body.indexOf('.', from);
            if (dot < 0) {
                return Optional.empty();
            }
            parts[i] = body.substring(from, dot);
            from = dot + 1;
        }
        parts[3] = body.substring(from);
        if (!parts[0].equals("v1") || parts[3].indexOf('.') >= 0) {
            return Optional.empty();
        }
        try {
            long userId = Long.parseLong(parts[1]);
            long issued = Long.parseLong(parts[2]);
            long now = clock.instant().getEpochSecond();
            if (issued > now + 60 || now - issued > LIFETIME.toSeconds()) {
                return Optional.empty();
            }
            return Optional.of(new Claim(userId, parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
