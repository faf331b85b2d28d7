package org.wikifarm.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown as the search index reads it: sections split at ATX headings ({@code #} … {@code ######}, never inside a
 * fenced code block), and each paragraph reduced to plain words — link targets, emphasis marks, list bullets and
 * HTML tags dropped, wiki links kept as their words. Not a renderer: good enough to index and to show as a snippet.
 */
public final class MarkdownText {
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern WIKI_LINK = Pattern.compile("\\[\\[([^\\]|]+)(?:\\|([^\\]]+))?]]");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
    private static final Pattern LINE_MARKS = Pattern.compile("^\\s*(?:>\\s*)*(?:[-*+]\\s+(?:\\[[ xX]]\\s+)?|\\d+[.)]\\s+)?");
    private static final Pattern INLINE_MARKS = Pattern.compile("(\\*\\*|__|~~|`+|(?<![\\w*])[*_](?=\\S)|(?<=\\S)[*_](?![\\w*]))");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");

    private MarkdownText() {
    }

    /** The page's sections in order; text before the first heading is a section with no headings. */
    public static List<Section> sections(String markdown) {
        List<Section> sections = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        String fence = null;
        for (String line : markdown.split("\\R", -1)) {
            Matcher fenceStart = FENCE.matcher(line);
            if (fence != null) {
                if (fenceStart.find() && fenceStart.group(1).charAt(0) == fence.charAt(0)
                        && fenceStart.group(1).length() >= fence.length()) {
                    fence = null;
                    endParagraph(paragraph, paragraphs);
                } else {
                    appendLine(paragraph, line.strip());
                }
                continue;
            }
            if (fenceStart.find()) {
                fence = fenceStart.group(1);
                endParagraph(paragraph, paragraphs);
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                endParagraph(paragraph, paragraphs);
                if (!paragraphs.isEmpty() || !headings.isEmpty()) {
                    sections.add(new Section(headings, paragraphs));
                }
                paragraphs = new ArrayList<>();
                int level = heading.group(1).length();
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                    levels.remove(levels.size() - 1);
                    headings.remove(headings.size() - 1);
                }
                levels.add(level);
                headings.add(inline(heading.group(2) == null ? "" : heading.group(2)));
                continue;
            }
            if (line.isBlank() || TABLE_RULE.matcher(line).matches()) {
                endParagraph(paragraph, paragraphs);
                continue;
            }
            appendLine(paragraph, inline(LINE_MARKS.matcher(line).replaceFirst("")).replace(" |", " ").replace("| ", " ")
                    .replaceAll("^\\|\\s*|\\s*\\|$", "").strip());
        }
        endParagraph(paragraph, paragraphs);
        if (!paragraphs.isEmpty() || !headings.isEmpty()) {
            sections.add(new Section(headings, paragraphs));
        }
        return sections;
    }

    /** Plain words of one line of Markdown. */
    static String inline(String text) {
        String plain = WIKI_LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(2) != null ? m.group(2) : m.group(1).replace('/', ' ')));
        plain = IMAGE.matcher(plain).replaceAll("$1");
        plain = LINK.matcher(plain).replaceAll("$1");
        plain = TAG.matcher(plain).replaceAll(" ");
        plain = INLINE_MARKS.matcher(plain).replaceAll("");
        return plain.replaceAll("\\s+", " ").strip();
    }

    private static void appendLine(StringBuilder paragraph, String line) {
        if (line.isEmpty()) {
            return;
        }
        if (!paragraph.isEmpty()) {
            paragraph.append(' ');
        }
        paragraph.append(line);
    }

    private static void endParagraph(StringBuilder paragraph, List<String> paragraphs) {
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph.toString());
            paragraph.setLength(0);
        }
    }
}
