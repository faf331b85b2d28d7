package org.wikifarm.page;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import org.wikifarm.limit.VisibleText;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * A page's name inside its wiki, such as {@code Home} or {@code projects/2026/plan}. Folders are separated by
 * {@code /}. A page is stored in git as {@code <path>.md}. Anything that could escape the repository or confuse
 * git dies here, at construction, with a message a person can act on. Names are kept in Unicode NFC, so "Café"
 * typed with a combining accent and with a precomposed é is one page; characters that do not show (bidi overrides
 * and isolates, zero-width characters, the soft hyphen…, see {@link VisibleText}) are refused, so two pages never
 * look alike and a name never displays as another.
 */
public record PagePath(String value) {
    public static final int MAX_BYTES = 1000;
    public static final int MAX_SEGMENT_BYTES = 255;
    public static final String EXTENSION = ".md";

    public PagePath {
        checkCharacters(value);
        value = Normalizer.normalize(value, Normalizer.Form.NFC);
        checkStructure(value);
    }

    /** The path of the file in the repository. */
    public String file() {
        return value + EXTENSION;
    }

    /**
     * The page a repository file holds, or null if the file is not a page. A name that is not in NFC is not a page
     * either: it would be a twin of the NFC name that every request reaches, and could never be read or changed.
     */
    public static PagePath ofFile(String file) {
        if (!file.endsWith(EXTENSION) || file.length() == EXTENSION.length()) {
            return null;
        }
        String name = file.substring(0, file.length() - EXTENSION.length());
        return isValid(name) && Normalizer.isNormalized(name, Normalizer.Form.NFC) ? new PagePath(name) : null;
    }

    /** The last segment, e.g. {@code plan} for {@code projects/2026/plan}. */
    public String name() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** The folders above the page, e.g. {@code [projects, 2026]}. */
    public List<String> folders() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? List.of() : List.of(value.substring(0, slash).split("/"));
    }

    public static boolean isValid(String value) {
        try {
            checkCharacters(value);
            checkStructure(Normalizer.normalize(value, Normalizer.Form.NFC));
            return true;
        } catch (InvalidInput e) {
            return false;
        }
    }

    /** What a name may be made of; checked on the text as sent, so positions match what the person typed. */
    private static void checkCharacters(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("A page path is required.");
        }
        if (value.length() > 4 * MAX_BYTES) {
            // NFC composes at most a few characters into one: far longer text cannot end up short enough.
            throw invalid("A page path may be at most " + MAX_BYTES + " bytes long.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw invalid("A page path may not contain control characters.");
            }
            if (Character.isSurrogate(c) && !validSurrogatePair(value, i)) {
                throw invalid("A page path must be valid Unicode text.");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        VisibleText.firstHidden(value).ifPresent(hidden -> {
            throw invalid("A page path may not contain " + hidden.describe() + " at position " + hidden.position()
                    + ": it does not show, so the name would look like another one.");
        });
    }

    /** How a name is built from folders; checked on the NFC form, which is what is stored. */
    private static void checkStructure(String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw invalid("A page path may be at most " + MAX_BYTES + " bytes long.");
        }
        if (value.startsWith("/")) {
            throw invalid("A page path may not start with '/'.");
        }
        if (value.endsWith("/")) {
            throw invalid("A page path may not end with '/'.");
        }
        if (value.indexOf('\\') >= 0) {
            throw invalid("A page path may not contain a backslash; use '/' between folders.");
        }
        for (String segment : value.split("/", -1)) {
            checkSegment(segment);
        }
        if (value.equals("-") || value.startsWith("-/")) {
            throw invalid("A page path may not start with the folder '-'; the wiki uses it for its own screens.");
        }
    }

    private static void checkSegment(String segment) {
        if (segment.isEmpty()) {
            throw invalid("A page path may not contain an empty folder name ('//').");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw invalid("A page path may not contain '.' or '..' segments.");
        }
        if (!segment.strip().equals(segment)) {
            throw invalid("A page or folder name may not start or end with spaces.");
        }
        if (segment.equalsIgnoreCase(".git") || segment.startsWith(".")) {
            throw invalid("A page or folder name may not start with '.'.");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw invalid("A page or folder name may be at most " + MAX_SEGMENT_BYTES + " bytes long.");
        }
    }

    private static boolean validSurrogatePair(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }

    private static InvalidInput invalid(String message) {
        return new InvalidInput("invalid_path", message);
    }

    @Override
    public String toString() {
        return value;
    }
}
