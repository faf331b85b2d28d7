package org.wikifarm.search;

import java.util.List;
import org.wikifarm.markdown.FrontMatter;
import org.wikifarm.markdown.Markdown;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.PagePath;

/**
 * Markdown as the search index reads it: the sections of the page's one parse ({@link Markdown}), each block reduced
 * to plain words — link targets, emphasis, list bullets and HTML tags dropped, wiki links and labels kept as their
 * words. The headings are the same ones the page view and MCP see.
 */
public final class MarkdownText {
    private static final java.util.Map<WikiLinkOrder, Markdown> GRAMMARS = Markdown.perOrder(PagePath::isValid);

    private MarkdownText() {
    }

    /**
     * The title the page gives itself: its front matter's {@code title:}, else the level-1 heading it opens with
     * ({@code # Title} as its first line after any front matter); "" when it gives none.
     */
    public static String title(String markdown, List<Section> sections) {
        FrontMatter front = FrontMatter.of(markdown);
        if (!front.title().isBlank()) {
            return front.title().strip();
        }
        int at = front.length();
        while (at < markdown.length() && Character.isWhitespace(markdown.charAt(at))) {
            at++;
        }
        boolean opensWithTitle = markdown.startsWith("# ", at) || markdown.startsWith("#\t", at);
        if (opensWithTitle && !sections.isEmpty() && sections.get(0).headings().size() == 1) {
            return sections.get(0).headings().get(0).strip();
        }
        return "";
    }

    /** The page's sections in order; text before the first heading is a section with no headings. */
    public static List<Section> sections(String markdown) {
        return sections(markdown, WikiLinkOrder.DEFAULT);
    }

    /** As {@link #sections(String)}, in a wiki whose wiki links name their page in {@code order}. */
    public static List<Section> sections(String markdown, WikiLinkOrder order) {
        return GRAMMARS.get(order).parse(markdown).textSections().stream()
                .map(section -> new Section(section.headings(), section.paragraphs())).toList();
    }
}
