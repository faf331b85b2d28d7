package org.wikifarm.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Markdown page under its ATX headings ({@code #} to {@code ######}, outside fenced code), named by
 * their heading or by the path of headings above them joined with {@code " > "} ({@code Plan > Goals}). A section runs
 * to the next heading of the same or a higher level.
 */
final class Sections {
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*#*[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    private record Heading(int level, String title, String path, int line) {
    }

    /** The result of looking a section up: its text, or the sections there are (several when the name is ambiguous). */
    record Found(String text, List<String> candidates) {
        boolean found() {
            return text != null;
        }
    }

    private Sections() {
    }

    /** Every section's path, in page order. */
    static List<String> list(String content) {
        return headings(lines(content)).stream().map(Heading::path).toList();
    }

    static Found find(String content, String name) {
        String[] lines = lines(content);
        List<Heading> headings = headings(lines);
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        List<Heading> matches = headings.stream().filter(h -> h.path().toLowerCase(Locale.ROOT).equals(wanted)
                || h.path().toLowerCase(Locale.ROOT).endsWith(" > " + wanted)).toList();
        if (matches.isEmpty()) {
            matches = headings.stream().filter(h -> h.title().toLowerCase(Locale.ROOT).equals(wanted)).toList();
        }
        if (matches.size() != 1) {
            return new Found(null, (matches.isEmpty() ? headings : matches).stream().map(Heading::path).toList());
        }
        Heading match = matches.get(0);
        int end = headings.stream().filter(h -> h.line() > match.line() && h.level() <= match.level())
                .mapToInt(Heading::line).findFirst().orElse(lines.length);
        StringBuilder text = new StringBuilder();
        for (int i = match.line(); i < end; i++) {
            text.append(lines[i]).append('\n');
        }
        return new Found(text.toString(), List.of());
    }

    private static String[] lines(String content) {
        return content.split("\r?\n", -1);
    }

    private static List<Heading> headings(String[] lines) {
        List<Heading> headings = new ArrayList<>();
        List<Heading> stack = new ArrayList<>();
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher opening = FENCE.matcher(lines[i]);
            if (opening.find()) {
                String marker = opening.group(1);
                if (fence == null) {
                    fence = marker.substring(0, 3);
                } else if (marker.startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            Matcher heading = fence == null ? HEADING.matcher(lines[i]) : null;
            if (heading == null || !heading.matches() || heading.group(2) == null || heading.group(2).isBlank()) {
                continue;
            }
            int level = heading.group(1).length();
            String title = heading.group(2).strip();
            stack.removeIf(h -> h.level() >= level);
            StringBuilder path = new StringBuilder();
            stack.forEach(h -> path.append(h.title()).append(" > "));
            Heading found = new Heading(level, title, path.append(title).toString(), i);
            stack.add(found);
            headings.add(found);
        }
        return headings;
    }
}
