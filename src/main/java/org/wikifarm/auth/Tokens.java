package org.wikifarm.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.limit.KeyedLocks;
import org.wikifarm.limit.Text;
import org.wikifarm.store.PlatformDatabase.PlatformSqlException;
import org.wikifarm.tenant.Wiki;

/**
 * Bearer tokens of a wiki, for the API, MCP and git. A token reads {@code wft_<id>_<secret>}: the id finds the row,
 * the 256-bit secret is checked against its SHA-256 hash in constant time. The secret is shown once, when the token
 * is made, and never stored. Only the wiki's administrators (its owner, platform admins) manage tokens, and a wiki
 * has at most {@code tokensPerWiki} of them.
 */
public final class Tokens {
    private static final String PREFIX = "wft_";
    private static final int ID_LENGTH = 16;
    private static final int SECRET_BYTES = 32;
    private static final int TOKEN_LENGTH = PREFIX.length() + ID_LENGTH + 1 + 43;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final long TOUCH_MILLIS = 60_000;

    private final TokenRepository repository;
    private final Permissions permissions;
    private final Settings.Limits limits;
    private final Clock clock;
    private final KeyedLocks wikiLocks = new KeyedLocks(64);
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> lastTouched = new ConcurrentHashMap<>();

    public Tokens(TokenRepository repository, Permissions permissions, Settings.Limits limits) {
        this(repository, permissions, limits, Clock.systemUTC());
    }

    /** @param clock when tokens are made and used (a token's last use is recorded at most once a minute) */
    public Tokens(TokenRepository repository, Permissions permissions, Settings.Limits limits, Clock clock) {
        this.repository = repository;
        this.permissions = permissions;
        this.limits = limits;
        this.clock = clock;
    }

    /** A new token and its secret, which is shown to the caller this once. */
    public record Issued(ApiToken token, String secret) {
    }

    public Issued create(Caller caller, Wiki wiki, String name, String role) {
        permissions.require(caller, wiki, Permission.ADMIN);
        String cleanName = checkName(name, limits.maxNameChars());
        Role checkedRole = checkRole(role);
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        ApiToken token = new ApiToken(new String(id), wiki.id(), cleanName, checkedRole,
                caller.asUser().map(User::id).orElse(null), clock.instant(), null);
        // Counted and inserted under the wiki's lock, so two requests at once cannot both take the last place.
        wikiLocks.with(wiki.id(), () -> {
            int count = repository.count(wiki.id());
            if (count >= limits.tokensPerWiki()) {
                throw new WikifarmException.Conflict("too_many_tokens", String.format(Locale.ROOT,
                        "This wiki already has %,d tokens, the most it may have; revoke one first.", count));
            }
            try {
                repository.insert(token, sha256(secret));
            } catch (PlatformSqlException e) {
                if (e.isUniqueViolation()) {
                    throw new WikifarmException.Conflict("token_name_taken", "This wiki already has a token called '"
                            + cleanName + "'.");
                }
                throw e;
            }
            return null;
        });
        return new Issued(token, PREFIX + token.id() + "_" + secret);
    }

    /** The wiki's tokens, oldest first; at most {@code maxListItems} (more exist only from before the cap). */
    public List<ApiToken> list(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.ADMIN);
        return repository.list(wiki.id(), limits.maxListItems());
    }

    public void revoke(Caller caller, Wiki wiki, String id) {
        permissions.require(caller, wiki, Permission.ADMIN);
        if (id == null || !repository.delete(wiki.id(), id)) {
            throw new WikifarmException.NotFound("token_not_found", "This wiki has no such token.");
        }
    }

    /** The token a bearer string names, if it exists and its secret is right; never says which part was wrong. */
    public Optional<ApiToken> authenticate(String bearer) {
        if (bearer == null || bearer.length() != TOKEN_LENGTH || !bearer.startsWith(PREFIX)
                || bearer.charAt(PREFIX.length() + ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String id = bearer.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH);
        String secret = bearer.substring(PREFIX.length() + ID_LENGTH + 1);
        Optional<TokenRepository.Stored> stored = repository.find(id);
        byte[] presented = sha256(secret).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = stored.map(s -> s.secretHash().getBytes(StandardCharsets.US_ASCII)).orElse(new byte[64]);
        if (!MessageDigest.isEqual(presented, expected) || stored.isEmpty()) {
            return Optional.empty();
        }
        touch(id);
        return Optional.of(stored.get().token());
    }

    private void touch(String id) {
        long now = clock.millis();
        Long last = lastTouched.get(id);
        if (last == null || now - last > TOUCH_MILLIS) {
            lastTouched.put(id, now);
            repository.touch(id, Instant.ofEpochMilli(now));
        }
    }

    private static String checkName(String name, int maxChars) {
        if (name == null || name.isBlank()) {
            throw new InvalidInput("invalid_token_name", "A token needs a name, such as 'laptop' or 'assistant'.");
        }
        String clean = name.strip();
        if (Text.chars(clean) > maxChars || Text.controlAt(clean, false) >= 0) {
            throw new InvalidInput("invalid_token_name",
                    "A token name may have at most " + maxChars + " characters and no control characters.");
        }
        return clean;
    }

    private static Role checkRole(String role) {
        if ("editor".equals(role)) {
            return Role.EDITOR;
        }
        if ("viewer".equals(role)) {
            return Role.VIEWER;
        }
        throw new InvalidInput("invalid_role", "A token's role is 'viewer' or 'editor'.");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
