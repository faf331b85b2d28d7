package org.wikifarm.page;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.wikifarm.app.WikifarmException.InvalidInput;

/**
 * A page's name inside its wiki, such as {@code Home} or {@code projects/2026/plan}. Folders are separated by
 * {@code /}. A page is stored in git as {@code <path>.md}. Anything that could escape the repository or confuse
 * git dies here, at construction, with a message a person can act on.
 */
public record PagePath(String value) {
    public static final int MAX_BYTES = 1000;
    public static final int MAX_SEGMENT_BYTES = 255;
    public static final String EXTENSION = ".md";

    public PagePath {
        check(value);
    }

    /** The path of the file in the repository. */
    public String file() {
        return value + EXTENSION;
    }

    /** The page a repository file holds, or null if the file is not a page. */
    public static PagePath ofFile(String file) {
        if (!file.endsWith(EXTENSION) || file.length() == EXTENSION.length()) {
            return null;
        }
        String name = file.substring(0, file.length() - EXTENSION.length());
        return isValid(name) ? new PagePath(name) : null;
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
            check(value);
            return true;
        } catch (InvalidInput e) {
            return false;
        }
    }

    private static void check(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("A page path is required.");
        }
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
