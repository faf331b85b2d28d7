package org.wikifarm.render;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.wikifarm.page.PagePath;

/**
 * The href of a wiki link: {@code <base><page path, percent-encoded, slashes kept>[#anchor]}. Cached HTML uses
 * {@link #PLACEHOLDER} as the base because the same HTML serves every wiki with that content.
 */
final class WikiHref {
    static final String PLACEHOLDER = "/__wiki__/";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private WikiHref() {
    }

    /** The placeholder href; the anchor is given as the heading's text or id, as {@link HeadingAnchors} makes ids. */
    static String placeholder(PagePath page, String anchor) {
        String slug = HeadingAnchors.slug(anchor);
        return PLACEHOLDER + encodePath(page) + (slug.isEmpty() ? "" : "#" + encode(slug, false));
    }

    /** Every byte outside RFC 3986 "unreserved" is escaped, so the result is safe in a URL and an HTML attribute. */
    static String encodePath(PagePath page) {
        return encode(page.value(), true);
    }

    /** The page an encoded path names, or null if it is malformed or not a valid page path. */
    static PagePath decodePath(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (isUnreserved(c) || c == '/') {
                bytes.write(c);
            } else {
                return null;
            }
        }
        try {
            // Strict decoding: a forged href with broken UTF-8 must not turn into some other page.
            String path = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return PagePath.isValid(path) ? new PagePath(path) : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** True if a fragment is in the form {@link #placeholder} writes, so it can be copied into an href as is. */
    static boolean isEncodedFragment(String fragment) {
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (!isUnreserved(c) && c != '%') {
                return false;
            }
        }
        return !fragment.isEmpty();
    }

    private static String encode(String text, boolean keepSlashes) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || (keepSlashes && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
