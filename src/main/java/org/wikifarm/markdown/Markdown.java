package org.wikifarm.markdown;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.wikifarm.limit.Deadline;

/**
 * The grammar: CommonMark with GitHub's tables, strikethrough, task lists, autolinks, footnotes and alerts, math
 * ({@code $…$}, {@code $$…$$}), Mermaid diagrams ({@code ```mermaid}) and YAML front matter, plus wiki links and
 * heading ids. Thread-safe; every part of the product that reads Markdown parses it here, so a heading, a link or a section
 * is the same thing for the page view, the link graph, MCP and search.
 */
public final class Markdown {
    private final Parser parser;
    private final Parser locating;
    private final WikiLinkOrder order;

    /** @param isPage whether a wiki link's target names a valid page (anything else stays text) */
    public Markdown(Predicate<String> isPage) {
        this(isPage, WikiLinkOrder.DEFAULT);
    }

    /**
     * @param isPage whether a wiki link's target names a valid page (anything else stays text)
     * @param order which half of {@code [[a|b]]} names the page (a per-wiki setting)
     */
    public Markdown(Predicate<String> isPage, WikiLinkOrder order) {
        this.order = java.util.Objects.requireNonNull(order, "order");
        this.parser = parser(isPage, order, IncludeSourceSpans.BLOCKS);
        this.locating = parser(isPage, order, IncludeSourceSpans.BLOCKS_AND_INLINES);
    }

    /** The order of a wiki link's halves this grammar reads. */
    public WikiLinkOrder order() {
        return order;
    }

    /** One grammar per link order, for callers that keep theirs in a constant: {@code grammars.get(order)}. */
    public static java.util.Map<WikiLinkOrder, Markdown> perOrder(Predicate<String> isPage) {
        java.util.Map<WikiLinkOrder, Markdown> grammars = new java.util.EnumMap<>(WikiLinkOrder.class);
        for (WikiLinkOrder order : WikiLinkOrder.values()) {
            grammars.put(order, new Markdown(isPage, order));
        }
        return java.util.Collections.unmodifiableMap(grammars);
    }

    /** The grammar, built in one place so that the parser with inline positions reads exactly the same language. */
    private static Parser parser(Predicate<String> isPage, WikiLinkOrder order, IncludeSourceSpans spans) {
        // Order matters: wiki links before autolinks, or "[[https://x]]"-like text would be split by the autolinker
        // first; task markers before autolinks too (they read the item's first text); heading ids last, so a
        // heading's text includes its links' labels.
        return Parser.builder()
                .includeSourceSpans(spans)
                .customBlockParserFactory(new MathSyntax.BlockFactory())
                .customBlockParserFactory(new Footnotes.DefinitionFactory())
                .customInlineContentParserFactory(new MathSyntax.InlineFactory())
                .postProcessor(new WikiLinkParser(isPage, order))
                .postProcessor(new TaskItems())
                .postProcessor(new FencedBlocks())
                .postProcessor(new Alerts())
                .postProcessor(new Footnotes.Linker())
                .extensions(List.of(TablesExtension.create(), StrikethroughExtension.create(),
                        AutolinkExtension.create()))
                .postProcessor(new HeadingIds())
                .build();
    }

    /**
     * The id a heading with this text gets (before numbering duplicates): GitHub-style, lower case, letters, digits,
     * marks, '-' and '_' kept, whitespace as '-'. Idempotent, so a wiki link's anchor may name a heading by its text
     * or by its id.
     */
    public static String slug(String text) {
        return HeadingIds.slug(text);
    }

    /** The extensions an HTML renderer needs for what this grammar parses (its own nodes need their renderers too). */
    public static List<Extension> rendererExtensions() {
        return List.of(TablesExtension.create(), StrikethroughExtension.create());
    }

    /**
     * Parses a page. Linear in its length; checks the current thread's {@link Deadline} for every line read and every
     * node post-processed, so it ends with {@code OverBudgetException} when it runs out of time.
     */
    public MarkdownDocument parse(String source) {
        return parse(parser, source);
    }

    /**
     * Parses a page as {@link #parse} does, also keeping where each inline is in the source, so that
     * {@link MarkdownDocument#wikiLinks()} can say where each link's page name is written: for changes written back
     * into the source, such as pointing links at a renamed page. A little slower, so only there.
     */
    public MarkdownDocument parseLocated(String source) {
        return parse(locating, source);
    }

    /**
     * Front matter is read first and its characters blanked (line breaks kept) before CommonMark reads the rest, so
     * every position and line number in the tree is the source's own.
     */
    private static MarkdownDocument parse(Parser parser, String source) {
        Objects.requireNonNull(source, "source");
        Deadline.checkCurrent();
        FrontMatter frontMatter = FrontMatter.of(source);
        try {
            return new MarkdownDocument(source, frontMatter,
                    parser.parseReader(new CheckingReader(new StringReader(frontMatter.blank(source)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks the deadline as the parser reads (it reads the whole text before it parses the inlines). */
    private static final class CheckingReader extends Reader {
        private final Reader in;

        CheckingReader(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            Deadline.checkCurrent();
            return in.read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
