package org.wikifarm.page;

import java.util.List;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.markdown.FrontMatter;
import org.wikifarm.markdown.Markdown;
import org.wikifarm.markdown.MarkdownDocument;
import org.wikifarm.markdown.WikiLinkOrder;

/**
 * The pages a Markdown text links to with {@code [[Page]]} or {@code [[Page|label]]}, as the page view renders them:
 * the same grammar ({@link Markdown}), so links in code or raw HTML are not links here either.
 */
public final class WikiLinks {
    private static final java.util.Map<WikiLinkOrder, Markdown> GRAMMARS = Markdown.perOrder(PagePath::isValid);

    private WikiLinks() {
    }

    /** The link targets in order of first appearance, each once, leaving out any that is not a valid page. */
    public static List<PagePath> targets(String markdown) {
        return targets(markdown, WikiLinkOrder.DEFAULT);
    }

    /** As {@link #targets(String)}, in a wiki whose links name their page in {@code order}. */
    public static List<PagePath> targets(String markdown, WikiLinkOrder order) {
        return facts(markdown, order).targets();
    }

    /** What the wiki keeps of a page for every page at once, read in one parse: its links and its front matter. */
    public record Facts(List<PagePath> targets, FrontMatter frontMatter) {
        public Facts {
            targets = List.copyOf(targets);
        }
    }

    public static Facts facts(String markdown) {
        return facts(markdown, WikiLinkOrder.DEFAULT);
    }

    public static Facts facts(String markdown, WikiLinkOrder order) {
        MarkdownDocument document = GRAMMARS.get(order).parse(markdown);
        return new Facts(document.linkTargets().stream().map(PagePath::new).toList(), document.frontMatter());
    }

    /**
     * The text with every wiki link to {@code from} pointing at {@code to} instead ({@code [[from]]},
     * {@code [[from|label]]}, {@code [[from#anchor|label]]}: only the page name changes), or null when it has no such
     * link. Only what the grammar reads as a wiki link changes, never the same letters in code or raw HTML; a link
     * whose page name is not spelled as itself (an escape or an entity in it) cannot be rewritten in place and is left
     * as it is.
     */
    public static String retarget(String markdown, PagePath from, PagePath to) {
        return retarget(markdown, from, to, WikiLinkOrder.DEFAULT);
    }

    /**
     * As {@link #retarget(String, PagePath, PagePath)}, in a wiki whose links name their page in {@code order}: only
     * the page half changes, so {@code [[Label|Old]]} becomes {@code [[Label|New]]} where labels come first.
     */
    public static String retarget(String markdown, PagePath from, PagePath to, WikiLinkOrder order) {
        MarkdownDocument document = GRAMMARS.get(order).parseLocated(markdown);
        StringBuilder out = null;
        int done = 0;
        for (MarkdownDocument.LinkAt link : document.wikiLinks()) {
            if (!link.located() || link.start() < done || !new PagePath(link.target()).equals(from)) {
                continue;
            }
            if (out == null) {
                requireLinkable(to);
                out = new StringBuilder(markdown.length() + 64);
            }
            out.append(markdown, done, link.start()).append(to.value());
            done = link.end();
        }
        return out == null ? null : out.append(markdown, done, markdown.length()).toString();
    }

    /** Whether a wiki link can name the page: its target may not hold brackets or a bar, and {@code #} starts the anchor. */
    public static boolean linkable(PagePath path) {
        String value = path.value();
        for (int i = 0; i < value.length(); i++) {
            if ("[]|#".indexOf(value.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireLinkable(PagePath to) {
        if (!linkable(to)) {
            throw new WikifarmException.InvalidInput("unlinkable_path", "Links cannot name '" + to + "' (a wiki link's"
                    + " target may not contain '[', ']', '|' or '#'), so links to the old name cannot be updated;"
                    + " choose another name or rename without updating links.");
        }
    }
}
