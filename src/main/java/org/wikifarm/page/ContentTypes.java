package org.wikifarm.page;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The content type of a file, detected from its first bytes (magic numbers), never from its name: a small bounded
 * sniffer that looks at no more than {@link #SAMPLE} bytes. Only types a browser shows without running anything are
 * {@code inline}: the raster images (PNG, JPEG, GIF, WebP, BMP) and plain UTF-8 text without markup. Everything else
 * — HTML, SVG, XML, PDF, archives and anything unknown — is "active": served as a download under a sandboxing CSP.
 */
public final class ContentTypes {
    /** How many bytes detection reads at most. */
    public static final int SAMPLE = 1024;
    private static final String[] MARKUP = {"<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml",
        "<iframe", "<object", "<embed", "<img", "<a ", "<div", "<style", "<meta", "<link", "<title", "<xml"};

    /** A detected type: its MIME type, whether it may be shown inline, and whether it is a raster image. */
    public record Detected(String mime, boolean inline, boolean image) {
    }

    private ContentTypes() {
    }

    public static Detected detect(byte[] content) {
        int n = Math.min(content.length, SAMPLE);
        if (starts(content, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return image("image/png");
        }
        if (starts(content, 0xff, 0xd8, 0xff)) {
            return image("image/jpeg");
        }
        if (starts(content, 'G', 'I', 'F', '8', '7', 'a') || starts(content, 'G', 'I', 'F', '8', '9', 'a')) {
            return image("image/gif");
        }
        if (starts(content, 'R', 'I', 'F', 'F') && n >= 12 && content[8] == 'W' && content[9] == 'E'
                && content[10] == 'B' && content[11] == 'P') {
            return image("image/webp");
        }
        if (starts(content, 'B', 'M') && n >= 26) {
            return image("image/bmp");
        }
        if (starts(content, '%', 'P', 'D', 'F', '-')) {
            return active("application/pdf");
        }
        if (starts(content, 'P', 'K', 3, 4)) {
            return active("application/zip");
        }
        if (starts(content, 0x1f, 0x8b)) {
            return active("application/gzip");
        }
        String text = utf8(content, n);
        if (text == null) {
            return active("application/octet-stream");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("<svg")) {
            return active("image/svg+xml");
        }
        if (lower.stripLeading().startsWith("<?xml")) {
            return active("application/xml");
        }
        for (String tag : MARKUP) {
            if (lower.contains(tag)) {
                return active("text/html");
            }
        }
        return new Detected("text/plain; charset=utf-8", true, false);
    }

    /** The sample as text if it is UTF-8 (a character cut at the sample's end is fine) without NUL; else null. */
    private static String utf8(byte[] content, int n) {
        int end = n;
        // Drop a character the sample may have cut in two (at most three bytes of it).
        if (n < content.length) {
            int back = 0;
            while (back < 3 && end > 0 && (content[end - 1] & 0xc0) == 0x80) {
                end--;
                back++;
            }
            if (end > 0 && (content[end - 1] & 0xc0) == 0xc0) {
                end--;
            }
        }
        for (int i = 0; i < end; i++) {
            if (content[i] == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content, 0, end))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean starts(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static Detected image(String mime) {
        return new Detected(mime, true, true);
    }

    private static Detected active(String mime) {
        return new Detected(mime, false, false);
    }
}
