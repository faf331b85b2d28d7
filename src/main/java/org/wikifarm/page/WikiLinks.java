package org.wikifarm.page;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the pages a Markdown text links to with {@code [[Page]]} or {@code [[Page|label]]}. Code is skipped
 * because a wiki about wikis shows link syntax in examples, and those must not count as links.
 */
public final class WikiLinks {
    private static final Pattern LINK = Pattern.compile("\\[\\[([^\\[\\]|\\n]+)(?:\\|[^\\[\\]\\n]*)?]]");
    private static final Pattern FENCE_OPEN = Pattern.compile("^ {0,3}(`{3,}(?!.*`)|~{3,}).*$");

    private WikiLinks() {
    }

    /** The link targets in order of first appearance, each once, leaving out any that is not a valid page. */
    public static List<PagePath> targets(String markdown) {
        Set<PagePath> found = new LinkedHashSet<>();
        for (String paragraph : paragraphsOutsideFences(markdown)) {
            Matcher m = LINK.matcher(withoutCodeSpans(paragraph));
            while (m.find()) {
                String target = m.group(1);
                int anchor = target.indexOf('#');
                target = (anchor < 0 ? target : target.substring(0, anchor)).strip();
                if (PagePath.isValid(target)) {
                    found.add(new PagePath(target));
                }
            }
        }
        return List.copyOf(found);
    }

    /**
     * Paragraphs (runs of non-blank lines) outside fenced code blocks. Code spans cannot cross a blank line, so
     * paragraphs bound the search for a closing backtick run, as in CommonMark.
     */
    private static List<String> paragraphsOutsideFences(String markdown) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String fence = null;
        for (String line : markdown.split("\r?\n|\r", -1)) {
            if (fence != null) {
                if (closesFence(line, fence)) {
                    fence = null;
                }
                continue;
            }
            Matcher open = FENCE_OPEN.matcher(line);
            if (open.matches()) {
                fence = open.group(1);
                flush(current, paragraphs);
            } else if (line.isBlank()) {
                flush(current, paragraphs);
            } else {
                current.append(line).append('\n');
            }
        }
        // An unclosed fence runs to the end of the document, so nothing after it is a link.
        flush(current, paragraphs);
        return paragraphs;
    }

    private static boolean closesFence(String line, String fence) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        String s = line.substring(indent).strip();
        char c = fence.charAt(0);
        return indent <= 3 && s.length() >= fence.length() && s.chars().allMatch(ch -> ch == c);
    }

    private static void flush(StringBuilder current, List<String> paragraphs) {
        if (current.length() > 0) {
            paragraphs.add(current.toString());
            current.setLength(0);
        }
    }

    /** Replaces each code span with a space; a backtick run without a closing run of equal length stays text. */
    private static String withoutCodeSpans(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '`') {
                out.append(c);
                i++;
                continue;
            }
            int run = runLength(text, i);
            int close = findRun(text, i + run, run);
            if (close < 0) {
                out.append(text, i, i + run);
                i += run;
            } else {
                out.append(' ');
                i = close + run;
            }
        }
        return out.toString();
    }

    private static int runLength(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) == '`') {
            end++;
        }
        return end - from;
    }

    private static int findRun(String text, int from, int length) {
        int i = text.indexOf('`', from);
        while (i >= 0) {
            int run = runLength(text, i);
            if (run == length) {
                return i;
            }
            i = text.indexOf('`', i + run);
        }
        return -1;
    }
}
