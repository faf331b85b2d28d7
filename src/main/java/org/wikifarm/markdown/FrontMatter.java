package org.wikifarm.markdown;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A page's YAML front matter, read as the small part of YAML people write there: {@code key: value} lines,
 * {@code key: [a, b]} and {@code key:} followed by {@code - item} lines, {@code #} comments, quoted strings. It opens
 * with {@code ---} on the first line and closes with {@code ---} or {@code ...} within {@link #MAX_LINES} lines; a
 * block holding anything else is not front matter (it stays Markdown: a rule and text). Kept: {@code title},
 * {@code category} and {@code tags} (a list, or one string split at commas); other keys are allowed and ignored.
 * One pass, no regular expressions, every value bounded.
 *
 * @param title the page's title, or "" ({@link #MAX_VALUE} characters at most)
 * @param category its category, or ""
 * @param tags its tags in order, each once, at most {@link #MAX_TAGS}
 * @param length how many characters of the source the block takes, its closing line included (0: none)
 */
public record FrontMatter(String title, String category, List<String> tags, int length) {
    public static final FrontMatter NONE = new FrontMatter("", "", List.of(), 0);
    static final int MAX_LINES = 200;
    static final int MAX_VALUE = 200;
    static final int MAX_TAGS = 50;

    public FrontMatter {
        tags = List.copyOf(tags);
    }

    public boolean present() {
        return length > 0;
    }

    /** Whether it has anything to show: a title, a category or a tag. */
    public boolean shown() {
        return !title.isEmpty() || !category.isEmpty() || !tags.isEmpty();
    }

    /** The front matter at the start of {@code source}, or {@link #NONE}. */
    public static FrontMatter of(String source) {
        int lineEnd = lineEnd(source, 0);
        if (!source.substring(0, lineEnd).stripTrailing().equals("---")) {
            return NONE;
        }
        String title = "";
        String category = "";
        Set<String> tags = new LinkedHashSet<>();
        String listKey = null;
        int at = next(source, lineEnd);
        for (int lines = 0; lines < MAX_LINES && at < source.length(); lines++) {
            int end = lineEnd(source, at);
            String line = source.substring(at, end);
            String trimmed = line.strip();
            if (line.stripTrailing().equals("---") || line.stripTrailing().equals("...")) {
                return new FrontMatter(title, category, new ArrayList<>(tags), next(source, end));
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                // a blank line or a comment
            } else if (trimmed.startsWith("- ") || trimmed.equals("-")) {
                if (listKey == null) {
                    return NONE;
                }
                if (listKey.equals("tags")) {
                    addTag(tags, scalar(trimmed.substring(1)));
                }
            } else {
                int colon = trimmed.indexOf(':');
                if (colon <= 0 || Character.isWhitespace(line.charAt(0)) || !isKey(trimmed.substring(0, colon))) {
                    return NONE;
                }
                String key = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
                String raw = trimmed.substring(colon + 1).strip();
                listKey = raw.isEmpty() ? key : null;
                switch (key) {
                    case "title" -> title = scalar(raw);
                    case "category" -> category = scalar(raw);
                    case "tags", "tag" -> {
                        listKey = raw.isEmpty() ? "tags" : null;
                        for (String tag : items(raw)) {
                            addTag(tags, tag);
                        }
                    }
                    default -> {
                    }
                }
            }
            at = next(source, end);
        }
        return NONE;
    }

    /** The source with the front matter's characters, line breaks excepted, turned into spaces: same positions. */
    public String blank(String source) {
        if (length == 0) {
            return source;
        }
        char[] chars = source.toCharArray();
        for (int i = 0; i < length; i++) {
            if (chars[i] != '\n' && chars[i] != '\r') {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static void addTag(Set<String> tags, String tag) {
        if (!tag.isEmpty() && tags.size() < MAX_TAGS) {
            tags.add(tag);
        }
    }

    /** {@code [a, "b"]}, or {@code a, b}: the items, each a scalar. */
    private static List<String> items(String raw) {
        String inner = raw.startsWith("[") && raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : raw;
        List<String> items = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= inner.length(); i++) {
            if (i == inner.length() || inner.charAt(i) == ',') {
                String item = scalar(inner.substring(from, i));
                if (!item.isEmpty()) {
                    items.add(item);
                }
                from = i + 1;
            }
        }
        return items;
    }

    /** A value without its quotes or a trailing comment, control characters dropped, at most MAX_VALUE long. */
    private static String scalar(String raw) {
        String value = raw.strip();
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            value = value.substring(1, value.length() - 1);
        } else {
            int comment = value.indexOf(" #");
            if (comment >= 0) {
                value = value.substring(0, comment);
            }
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE));
        for (int i = 0; i < value.length() && out.length() < MAX_VALUE; i++) {
            char c = value.charAt(i);
            if (!Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    private static boolean isKey(String key) {
        if (key.length() > 64) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(String source, int from) {
        int i = from;
        while (i < source.length() && source.charAt(i) != '\n' && source.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** The start of the line after the one ending at {@code end}. */
    private static int next(String source, int end) {
        if (end < source.length() && source.charAt(end) == '\r') {
            end++;
            if (end < source.length() && source.charAt(end) == '\n') {
                end++;
            }
            return end;
        }
        return end < source.length() ? end + 1 : end;
    }
}
