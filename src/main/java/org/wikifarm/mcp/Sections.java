package org.wikifarm.mcp;

import java.util.List;
import java.util.Locale;
import org.wikifarm.markdown.Markdown;
import org.wikifarm.markdown.MarkdownDocument;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.markdown.MarkdownDocument.SourceSection;
import org.wikifarm.page.PagePath;

/**
 * The parts of a Markdown page under its headings — the same headings the page view's table of contents and search
 * see ({@link Markdown}) — named by their heading or by the path of headings above them joined with {@code " > "}
 * ({@code Plan > Goals}). A section runs to the next heading of the same or a higher level.
 */
final class Sections {
    private static final java.util.Map<WikiLinkOrder, Markdown> GRAMMARS = Markdown.perOrder(PagePath::isValid);

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
        return list(content, WikiLinkOrder.DEFAULT);
    }

    /** Every section's path, in a wiki whose wiki links name their page in {@code order}. */
    static List<String> list(String content, WikiLinkOrder order) {
        return GRAMMARS.get(order).parse(content).sourceSections().stream().map(SourceSection::path).toList();
    }

    static Found find(String content, String name) {
        return find(content, name, WikiLinkOrder.DEFAULT);
    }

    static Found find(String content, String name, WikiLinkOrder order) {
        MarkdownDocument document = GRAMMARS.get(order).parse(content);
        List<SourceSection> sections = document.sourceSections();
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        List<SourceSection> matches = sections.stream().filter(s -> s.path().toLowerCase(Locale.ROOT).equals(wanted)
                || s.path().toLowerCase(Locale.ROOT).endsWith(" > " + wanted)).toList();
        if (matches.isEmpty()) {
            matches = sections.stream().filter(s -> s.title().toLowerCase(Locale.ROOT).equals(wanted)).toList();
        }
        if (matches.size() != 1) {
            return new Found(null, (matches.isEmpty() ? sections : matches).stream().map(SourceSection::path).toList());
        }
        SourceSection match = matches.get(0);
        return new Found(document.lines(match.firstLine(), match.endLine()), List.of());
    }
}
