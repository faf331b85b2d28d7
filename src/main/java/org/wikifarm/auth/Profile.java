package org.wikifarm.auth;

import java.text.Normalizer;
import org.wikifarm.limit.VisibleText;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * The rules for a person's display name and email, the same at every door (sign-up form, API, an admin adding an
 * account, a proxy's headers). Both end up in git's author line ({@code name <email> time}) and on every page that
 * shows who changed what, so {@code <} and {@code >} (which would end or forge the address), controls and characters
 * that do not show ({@link VisibleText}) are not allowed. People typing them get a 400 naming the character; a
 * proxy's headers are cleaned instead, because refusing them would lock the person out of the whole site.
 */
public final class Profile {
    public static final int MAX_DISPLAY_NAME = 100;
    public static final int MAX_EMAIL = 254;

    private Profile() {
    }

    /** A display name as typed, checked: null when blank; otherwise stripped and in NFC. */
    public static String checkDisplayName(String value) {
        String clean = blankToNull(value);
        if (clean == null) {
            return null;
        }
        if (clean.length() > MAX_DISPLAY_NAME) {
            throw new InvalidInput("invalid_display_name",
                    "A display name may have at most " + MAX_DISPLAY_NAME + " characters.");
        }
        refuseUnsafe(clean, "invalid_display_name", "A display name");
        return Normalizer.normalize(clean, Normalizer.Form.NFC);
    }

    /** An email as typed, checked: null when blank; otherwise stripped, one {@code @} with text on both sides. */
    public static String checkEmail(String value) {
        String clean = blankToNull(value);
        if (clean == null) {
            return null;
        }
        if (clean.length() > MAX_EMAIL) {
            throw new InvalidInput("invalid_email", "An email address may have at most " + MAX_EMAIL + " characters.");
        }
        refuseUnsafe(clean, "invalid_email", "An email address");
        if (!looksLikeEmail(clean)) {
            throw new InvalidInput("invalid_email", "That does not look like an email address.");
        }
        return Normalizer.normalize(clean, Normalizer.Form.NFC);
    }

    /** A display name from a source we must accept: unsafe characters dropped, cut to length; null if nothing is left. */
    public static String cleanDisplayName(String value) {
        if (value == null) {
            return null;
        }
        String kept = Normalizer.normalize(removeUnsafe(value, " "), Normalizer.Form.NFC).strip();
        if (kept.length() > MAX_DISPLAY_NAME) {
            kept = kept.substring(0, Character.isHighSurrogate(kept.charAt(MAX_DISPLAY_NAME - 1))
                    ? MAX_DISPLAY_NAME - 1 : MAX_DISPLAY_NAME).strip();
        }
        return kept.isEmpty() ? null : kept;
    }

    /** An email from a source we must accept: unsafe characters dropped; null unless what is left is an email. */
    public static String cleanEmail(String value) {
        if (value == null) {
            return null;
        }
        String kept = Normalizer.normalize(removeUnsafe(value, ""), Normalizer.Form.NFC);
        return kept.length() <= MAX_EMAIL && looksLikeEmail(kept) ? kept : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void refuseUnsafe(String value, String code, String what) {
        int angle = value.indexOf('<') >= 0 ? value.indexOf('<') : value.indexOf('>');
        if (angle >= 0) {
            throw new InvalidInput(code, what + " may not contain '<' or '>'.");
        }
        VisibleText.firstHidden(value).ifPresent(hidden -> {
            throw new InvalidInput(code, what + " may not contain " + hidden.describe() + " at position "
                    + hidden.position() + ": control characters and characters that do not show are not allowed.");
        });
    }

    /** @param space what whitespace becomes: in a name a tab separated words, so "Ann\tLee" is "Ann Lee" */
    private static String removeUnsafe(String value, String space) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(codePoint -> {
            if (codePoint == '<' || codePoint == '>') {
                return;
            }
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                out.append(space);
            } else if (!VisibleText.isHidden(codePoint)) {
                out.appendCodePoint(codePoint);
            }
        });
        return out.toString();
    }

    private static boolean looksLikeEmail(String value) {
        int at = value.indexOf('@');
        return at > 0 && at == value.lastIndexOf('@') && at < value.length() - 1
                && value.codePoints().noneMatch(codePoint -> Character.isWhitespace(codePoint)
                        || Character.isSpaceChar(codePoint));
    }
}
