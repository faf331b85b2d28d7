package org.wikifarm.page;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.limit.VisibleText;

/**
 * The name of a file attached to a page, such as {@code diagram.png}: one segment in the page's folder
 * ({@code Folder/Page.md} keeps its files in {@code Folder/Page/}). Anything that could escape that folder, confuse
 * git or a clone on another system, or be taken for a page dies here, at construction: folders ({@code /},
 * {@code \}), {@code .} and {@code ..}, a leading dot ({@code .git}, hidden files), control characters and characters
 * that do not show, characters Windows cannot store ({@code <>:"|?*}), Windows' reserved device names ({@code CON},
 * {@code NUL}, {@code COM1}…, with any extension), leading or trailing spaces, names over 255 bytes, and names ending
 * in {@code .md}: in the page's folder such a file is a sub-page, so pages stay pages and attachments stay files.
 * Names are kept in Unicode NFC.
 */
public record AttachmentName(String value) {
    public static final int MAX_BYTES = 255;
    private static final String FORBIDDEN = "<>:\"|?*/\\";
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
            "LPT9");

    public AttachmentName {
        if (value == null || value.isBlank()) {
            throw invalid("A file name is required.");
        }
        if (value.length() > 4 * MAX_BYTES) {
            throw invalid("A file name may be at most " + MAX_BYTES + " bytes long.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw invalid("A file name may not contain control characters.");
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw invalid("A file name may not contain folders or any of " + FORBIDDEN + ".");
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1)))) {
                throw invalid("A file name must be valid Unicode text.");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        VisibleText.firstHidden(value).ifPresent(hidden -> {
            throw invalid("A file name may not contain " + hidden.describe() + " at position " + hidden.position()
                    + ": it does not show, so the name would look like another one.");
        });
        value = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw invalid("A file name may be at most " + MAX_BYTES + " bytes long.");
        }
        if (value.startsWith(".")) {
            throw invalid("A file name may not start with '.'.");
        }
        if (!value.strip().equals(value) || value.endsWith(".")) {
            throw invalid("A file name may not start or end with spaces, or end with '.'.");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.endsWith(PagePath.EXTENSION)) {
            throw invalid("A file name may not end in .md: in the page's folder that is a page. Save it as a page,"
                    + " or attach it under another name (e.g. .md.txt).");
        }
        int dot = value.indexOf('.');
        String stem = (dot < 0 ? value : value.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        if (RESERVED.contains(stem)) {
            throw invalid("'" + stem + "' is a reserved device name on Windows; choose another file name.");
        }
    }

    /** The file's path in the repository, beside the page: {@code Folder/Page/name}. */
    public String file(PagePath page) {
        return page.value() + "/" + value;
    }

    /** The attachment a repository file of the page's folder is, or null if it is none (a page, a sub-folder). */
    public static AttachmentName ofFile(PagePath page, String file) {
        String prefix = page.value() + "/";
        if (!file.startsWith(prefix) || file.indexOf('/', prefix.length()) >= 0) {
            return null;
        }
        String name = file.substring(prefix.length());
        try {
            AttachmentName attachment = new AttachmentName(name);
            return attachment.value.equals(name) ? attachment : null;
        } catch (InvalidInput notOne) {
            return null;
        }
    }

    private static InvalidInput invalid(String message) {
        return new InvalidInput("invalid_file_name", message);
    }

    @Override
    public String toString() {
        return value;
    }
}
