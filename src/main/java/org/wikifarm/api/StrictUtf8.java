package org.wikifarm.api;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * Checks that a request body is Unicode text before Jackson reads it, so a page never stores what the client did
 * not mean:
 * <ul>
 *   <li>well-formed UTF-8 — Jackson's own decoder accepts some malformed forms (e.g. the overlong {@code C0 AF} for
 *       {@code /}), and this decoder also refuses encoded surrogates ({@code ED A0 80});</li>
 *   <li>no lone UTF-16 surrogate written as a JSON escape ({@code "\ud800"}): Jackson decodes it into a string that
 *       is not Unicode, and writing that string as UTF-8 silently turns it into {@code ?}.</li>
 * </ul>
 * A body a resource takes as raw bytes ({@code InputStream}: a file upload) is left alone.
 * The body is already capped by the size limit, so reading it whole is bounded; the escape scan is one linear pass.
 */
@Provider
public final class StrictUtf8 implements ReaderInterceptor {
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() == java.io.InputStream.class) {
            // A file's raw bytes (an attachment upload): not text, and read by the resource within its own limit.
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new InvalidInput("invalid_utf8", "The body is not valid UTF-8.");
        }
        checkEscapes(text);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /**
     * Refuses a {@code \}{@code uXXXX} escape of a surrogate that is not half of a pair. Backslashes are legal only
     * inside JSON strings, where each one starts an escape, so skipping every escape as a unit keeps {@code \\ud800}
     * (an escaped backslash, then text) apart from a real escape; anything malformed is left for Jackson to report.
     */
    static void checkEscapes(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != '\\' || i + 1 >= length) {
                continue;
            }
            if (text.charAt(i + 1) != 'u') {
                i++;
                continue;
            }
            int unit = hex4(text, i + 2);
            if (unit < 0) {
                i++;
                continue;
            }
            if (Character.isLowSurrogate((char) unit)) {
                throw loneSurrogate(unit, i);
            }
            if (Character.isHighSurrogate((char) unit)) {
                int next = i + 6;
                boolean paired = next + 1 < length && text.charAt(next) == '\\' && text.charAt(next + 1) == 'u'
                        && Character.isLowSurrogate((char) Math.max(0, hex4(text, next + 2)));
                if (!paired) {
                    throw loneSurrogate(unit, i);
                }
                i = next + 5;
            } else {
                i += 5;
            }
        }
    }

    /** The value of four hex digits at {@code from}, or -1. */
    private static int hex4(CharSequence text, int from) {
        if (from + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            char c = text.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static InvalidInput loneSurrogate(int unit, int index) {
        return new InvalidInput("invalid_unicode", String.format("The body has a lone UTF-16 surrogate escape"
                + " (\\u%04x) at character %d: text must be valid Unicode (a surrogate escape needs its other half).",
                unit, index + 1));
    }
}
