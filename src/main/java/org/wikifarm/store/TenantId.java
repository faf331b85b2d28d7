package org.wikifarm.store;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * A wiki's immutable identity and the name of its folder under {@code data/wikis/}. Twelve characters of
 * lowercase base32 ({@code a-z2-7}): path-safe by construction, independent of owner and slug (so renaming or
 * transferring a wiki never moves files), and not guessable from the URL.
 */
public record TenantId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z2-7]{12}");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public TenantId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidInput("invalid_wiki_id", "A wiki id is 12 characters of a-z and 2-7.");
        }
    }

    /** True when {@code value} is a well-formed wiki id; never throws. */
    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static TenantId generate() {
        char[] chars = new char[12];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new TenantId(new String(chars));
    }

    @Override
    public String toString() {
        return value;
    }
}
