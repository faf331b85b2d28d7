package org.wikifarm.page;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.wikifarm.error.WikifarmException;

/**
 * What a file in a pushed commit may be: exactly what a page write or an upload could have stored. A pushed tree may
 * hold pages ({@code <page path>.md}, a regular file within {@code maxPageBytes}) and files attached to pages
 * ({@code <page path>/<file name>}: the folder a valid page path, the name a valid {@link AttachmentName} — so not
 * ending in {@code .md} — within {@code maxFileBytes}); anything else is refused, so a clone never holds a file the
 * wiki could not have written. The first problem found refuses the whole push; the message names the file.
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
        return check(rawPath, kind, bytes, maxPageBytes, 0);
    }

    /**
     * As {@link #check(byte[], Kind, long, long)}, and a file that is not a page is taken as a file attached to the
     * page its folder names (answered with that page) when {@code maxFileBytes} is more than 0.
     */
    public static PagePath check(byte[] rawPath, Kind kind, long bytes, long maxPageBytes, long maxFileBytes) {
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
            if (maxFileBytes <= 0) {
                throw refused(shown, "only pages (files ending in .md) can be pushed");
            }
            return attachment(path, shown, bytes, maxFileBytes);
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

    /** A file attached to the page its folder names: {@code Folder/Page/diagram.png}. */
    private static PagePath attachment(String path, String shown, long bytes, long maxFileBytes) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) {
            throw refused(shown, "a file that is not a page (.md) must be in the folder of the page it belongs to,"
                    + " e.g. Page/diagram.png beside Page.md");
        }
        PagePath page;
        AttachmentName name;
        try {
            page = new PagePath(path.substring(0, slash));
            name = new AttachmentName(path.substring(slash + 1));
        } catch (WikifarmException.InvalidInput invalid) {
            throw refused(shown, invalid.getMessage());
        }
        if (!page.file().equals(path.substring(0, slash) + PagePath.EXTENSION)
                || !name.value().equals(path.substring(slash + 1))) {
            throw refused(shown, "the name is not in Unicode NFC; save it as the precomposed form");
        }
        if (bytes > maxFileBytes) {
            throw new WikifarmException.TooLarge(String.format(Locale.ROOT,
                    "%s has %,d bytes; a file may have at most %,d.", shown, bytes, maxFileBytes));
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
