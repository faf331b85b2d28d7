package org.wikifarm.page;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.wikifarm.error.WikifarmException;

/**
 * What a file in a pushed commit may be: exactly what a page write could have stored. For now a pushed tree may hold
 * pages only ({@code <page path>.md}, a regular file within {@code maxPageBytes}); anything else is refused, so a
 * clone never holds a file the wiki could not have written. Attachments will widen this to their own folders.
 * The first problem found refuses the whole push; the message names the file.
 */
public final class PushedFiles {
    /** What a tree entry is, as git records it. */
    public enum Kind { FILE, EXECUTABLE, SYMLINK, SUBMODULE, OTHER }

    private PushedFiles() {
    }

    /**
     * The page a pushed file is, or an {@link WikifarmException.InvalidInput} ({@code push_refused}) naming the file
     * and why it cannot be stored; {@code bytes} is the file's size.
     */
    public static PagePath check(byte[] rawPath, Kind kind, long bytes, long maxPageBytes) {
        String path = decode(rawPath);
        String shown = shown(path);
        if (kind == Kind.SYMLINK) {
            throw refused(shown, "symbolic links are not stored; push the page itself");
        }
        if (kind == Kind.SUBMODULE) {
            throw refused(shown, "submodules (gitlinks) are not stored");
        }
        if (kind == Kind.OTHER) {
            throw refused(shown, "only regular files can be stored");
        }
        if (!path.endsWith(PagePath.EXTENSION) || path.length() == PagePath.EXTENSION.length()) {
            throw refused(shown, "only pages (files ending in .md) can be pushed for now");
        }
        String name = path.substring(0, path.length() - PagePath.EXTENSION.length());
        PagePath page;
        try {
            page = new PagePath(name);
        } catch (WikifarmException.InvalidInput invalid) {
            throw refused(shown, invalid.getMessage());
        }
        if (!page.value().equals(name)) {
            throw refused(shown, "the name is not in Unicode NFC; save it as the precomposed form");
        }
        if (bytes > maxPageBytes) {
            throw new WikifarmException.TooLarge(String.format(Locale.ROOT,
                    "%s has %,d bytes; a page may have at most %,d.", shown, bytes, maxPageBytes));
        }
        return page;
    }

    private static String decode(byte[] rawPath) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rawPath)).toString();
        } catch (CharacterCodingException e) {
            String lossy = new String(rawPath, StandardCharsets.UTF_8);
            throw refused(shown(lossy), "the name is not valid UTF-8");
        }
    }

    /**
     * The name as a message may show it: one line (control characters as {@code \\uXXXX}), at most 200 characters,
     * quoted.
     */
    static String shown(String text) {
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(text.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append('…');
        }
        return out.append('\'').toString();
    }

    private static WikifarmException.InvalidInput refused(String shown, String why) {
        return new WikifarmException.InvalidInput("push_refused", "Cannot store " + shown + ": " + why + ".");
    }
}
