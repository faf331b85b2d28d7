package org.wikifarm.page;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Page paths in URLs and URIs: every UTF-8 byte outside RFC 3986 "unreserved" escaped as {@code %XX}, slashes
 * optionally kept; decoding is strict, so a forged or broken escape never turns into some other page.
 */
public final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /** The text with every byte outside "unreserved" (and {@code /}, if kept) escaped: safe in a URL and in HTML. */
    public static String encode(String text, boolean keepSlashes) {
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

    /**
     * The page an encoded path names: empty if an escape is broken, the bytes are not UTF-8, or the result is no valid
     * page path. {@code anyAscii} also accepts printable ASCII left unescaped (URIs typed by people or assistants);
     * otherwise only "unreserved" characters and {@code /} may appear as they are.
     */
    public static Optional<PagePath> decodePath(String encoded, boolean anyAscii) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int hi = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (isUnreserved(c) || c == '/' || (anyAscii && c >= 0x20 && c < 0x7f)) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        try {
            String path = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return PagePath.isValid(path) ? Optional.of(new PagePath(path)) : Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    public static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
