package org.wikifarm.markdown;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.wikifarm.limit.Deadline;

/**
 * One parsed page: CommonMark's syntax tree of it and everything the product reads from that tree — its headings
 * (with ids, for the table of contents and wiki-link anchors), the pages it links to, its sections as plain text (for
 * search) and as source lines (for MCP). Each is one walk over the tree.
 */
public final class MarkdownDocument {
    /** A heading: its level (1–6), plain text, id unique in the page, and the source line it starts on (0-based). */
    public record Heading(int level, String text, String id, int line) {
    }

    /** The text under one heading (or before the first): the path of headings above it and its paragraphs' words. */
    public record TextSection(List<String> headings, List<String> paragraphs) {
        public TextSection {
            headings = List.copyOf(headings);
            paragraphs = List.copyOf(paragraphs);
        }
    }

    /** A section of the source named by its heading path, e.g. {@code Plan > Goals}, with its Markdown. */
    public record SourceSection(String path, String title, int level, int firstLine, int endLine) {
    }

    /**
     * A wiki link as written: the page it names, its anchor, and where that page name is spelled in the source,
     * {@code [start, end)}; both -1 when the document was parsed without positions or the name is not spelled as
     * itself there (an escape or an entity in the name itself).
     */
    public record LinkAt(String target, String anchor, int start, int end) {
        public boolean located() {
            return start >= 0;
        }
    }

    private final String source;
    private final FrontMatter frontMatter;
    private final Node root;

    MarkdownDocument(String source, FrontMatter frontMatter, Node root) {
        this.source = source;
        this.frontMatter = frontMatter;
        this.root = root;
    }

    /** The page's front matter (title, category, tags), or {@link FrontMatter#NONE}. */
    public FrontMatter frontMatter() {
        return frontMatter;
    }

    /** What the page uses that needs a script in the browser: math, diagrams. One walk. */
    public Features features() {
        boolean[] found = new boolean[2];
        root.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.CustomBlock block) {
                Deadline.checkCurrent();
                found[0] |= block instanceof MathBlock;
                found[1] |= block instanceof Diagram;
                visitChildren(block);
            }

            @Override
            public void visit(org.commonmark.node.CustomNode node) {
                Deadline.checkCurrent();
                found[0] |= node instanceof MathInline;
                visitChildren(node);
            }
        });
        return new Features(found[0], found[1]);
    }

    /** Whether a page has math (KaTeX runs on it) and Mermaid diagrams (Mermaid runs on it). */
    public record Features(boolean math, boolean diagrams) {
        public static final Features NONE = new Features(false, false);
    }

    /** The syntax tree, for a renderer. */
    public Node root() {
        return root;
    }

    public String source() {
        return source;
    }

    /** Every heading in document order. */
    public List<Heading> headings() {
        List<Heading> headings = new ArrayList<>();
        root.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Heading heading) {
                Deadline.checkCurrent();
                if (heading.getFirstChild() instanceof HeadingAnchor anchor) {
                    headings.add(new Heading(heading.getLevel(), anchor.text(), anchor.id(), lineOf(heading)));
                }
            }
        });
        return headings;
    }

    /** The pages the text links to with wiki links, in order of first appearance, each once. */
    public List<String> linkTargets() {
        Set<String> targets = new LinkedHashSet<>();
        root.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Link link) {
                Deadline.checkCurrent();
                if (link instanceof WikiLink wikiLink) {
                    targets.add(wikiLink.target());
                }
                visitChildren(link);
            }
        });
        return List.copyOf(targets);
    }

    /** Every wiki link in document order, repeats included, with where its page name is written. */
    public List<LinkAt> wikiLinks() {
        List<LinkAt> links = new ArrayList<>();
        SpellingLocator locator = new SpellingLocator(source);
        root.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Link link) {
                Deadline.checkCurrent();
                if (link instanceof WikiLink wikiLink) {
                    int start = wikiLink.spelling() == null ? -1
                            : locator.locate(wikiLink.spelling(), wikiLink.target());
                    links.add(new LinkAt(wikiLink.target(), wikiLink.anchor(), start,
                            start < 0 ? -1 : start + wikiLink.target().length()));
                }
                visitChildren(link);
            }
        });
        return links;
    }

    /**
     * The sections as search reads them: split at headings (any level; a heading ends the sections of its level and
     * below), each block reduced to plain words — link targets, emphasis, list and quote marks and HTML tags dropped,
     * link and image labels kept, code kept as text. Text before the first heading is a section with no headings.
     */
    public List<TextSection> textSections() {
        List<TextSection> sections = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        boolean[] started = {false};
        for (Node block : blocks(root)) {
            Deadline.checkCurrent();
            if (block instanceof org.commonmark.node.Heading heading) {
                if (!paragraphs.isEmpty() || started[0]) {
                    sections.add(new TextSection(headings, paragraphs));
                }
                paragraphs = new ArrayList<>();
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= heading.getLevel()) {
                    levels.remove(levels.size() - 1);
                    headings.remove(headings.size() - 1);
                }
                levels.add(heading.getLevel());
                headings.add(heading.getFirstChild() instanceof HeadingAnchor anchor ? anchor.text() : "");
                started[0] = true;
            } else {
                String words = PlainText.of(block);
                if (!words.isEmpty()) {
                    paragraphs.add(words);
                }
            }
        }
        if (!paragraphs.isEmpty() || started[0]) {
            sections.add(new TextSection(headings, paragraphs));
        }
        return sections;
    }

    /**
     * The sections of the source under its titled headings, named by the path of titles above them joined with
     * {@code " > "}; a section runs to the next heading of the same or a higher level.
     */
    public List<SourceSection> sourceSections() {
        List<Heading> all = headings();
        int lines = lineCount();
        List<SourceSection> sections = new ArrayList<>();
        List<Heading> stack = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Heading heading = all.get(i);
            if (heading.text().isBlank()) {
                continue;
            }
            while (!stack.isEmpty() && stack.get(stack.size() - 1).level() >= heading.level()) {
                stack.remove(stack.size() - 1);
            }
            StringBuilder path = new StringBuilder();
            stack.forEach(h -> path.append(h.text()).append(" > "));
            path.append(heading.text());
            stack.add(heading);
            int end = lines;
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(j).level() <= heading.level()) {
                    end = all.get(j).line();
                    break;
                }
            }
            sections.add(new SourceSection(path.toString(), heading.text(), heading.level(), heading.line(), end));
        }
        return sections;
    }

    /** The source lines {@code [from, to)}, each ended by a newline. */
    public String lines(int from, int to) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        int start = 0;
        for (int i = 0; i <= source.length() && line < to; i++) {
            boolean end = i == source.length() || source.charAt(i) == '\n' || source.charAt(i) == '\r';
            if (!end) {
                continue;
            }
            if (line >= from) {
                out.append(source, start, i).append('\n');
            }
            if (i < source.length() && source.charAt(i) == '\r' && i + 1 < source.length()
                    && source.charAt(i + 1) == '\n') {
                i++;
            }
            start = i + 1;
            line++;
        }
        return out.toString();
    }

    private int lineCount() {
        int lines = 1;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == source.length() || source.charAt(i + 1) != '\n'))) {
                lines++;
            }
        }
        return lines;
    }

    private static int lineOf(Node block) {
        List<SourceSpan> spans = block.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex();
    }

    /** The leaf blocks in document order: containers (quotes, lists, items) opened up. */
    private static List<Node> blocks(Node root) {
        List<Node> blocks = new ArrayList<>();
        collect(root, blocks);
        return blocks;
    }

    private static void collect(Node parent, List<Node> blocks) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Document || node instanceof BlockQuote || node instanceof BulletList
                    || node instanceof OrderedList || node instanceof ListItem || node instanceof Alert
                    || node instanceof Footnotes || node instanceof FootnoteDefinition) {
                collect(node, blocks);
            } else if (node instanceof org.commonmark.node.Block || node instanceof TableBlock) {
                blocks.add(node);
            }
        }
    }

    /** The words of one block as plain text, whitespace collapsed. */
    static final class PlainText extends AbstractVisitor {
        private final StringBuilder text = new StringBuilder();

        static String of(Node block) {
            PlainText plain = new PlainText();
            if (block instanceof FencedCodeBlock fenced) {
                plain.add(fenced.getLiteral());
            } else if (block instanceof IndentedCodeBlock indented) {
                plain.add(indented.getLiteral());
            } else if (block instanceof MathBlock math) {
                plain.add(math.tex());
            } else if (block instanceof Diagram diagram) {
                plain.add(diagram.source());
            } else if (block instanceof HtmlBlock html) {
                plain.add(withoutTags(html.getLiteral()));
            } else if (block instanceof Paragraph || block instanceof TableBlock) {
                block.accept(plain);
            }
            return collapse(plain.text);
        }

        private void add(String words) {
            text.append(words);
        }

        @Override
        public void visit(Text node) {
            add(node.getLiteral());
        }

        @Override
        public void visit(Code node) {
            add(node.getLiteral());
        }

        @Override
        public void visit(SoftLineBreak node) {
            add(" ");
        }

        @Override
        public void visit(HardLineBreak node) {
            add(" ");
        }

        @Override
        public void visit(org.commonmark.node.HtmlInline node) {
            add(" ");
        }

        @Override
        public void visit(org.commonmark.node.CustomBlock node) {
            // Table cells and rows.
            add(" ");
            visitChildren(node);
        }

        @Override
        public void visit(org.commonmark.node.CustomNode node) {
            Deadline.checkCurrent();
            add(" ");
            if (node instanceof MathInline math) {
                add(math.tex());
                add(" ");
            }
            visitChildren(node);
        }

        /** Raw HTML with its tags dropped ({@code <…>} runs), in one pass. */
        static String withoutTags(String html) {
            StringBuilder out = new StringBuilder(html.length());
            boolean inTag = false;
            for (int i = 0; i < html.length(); i++) {
                char c = html.charAt(i);
                if (inTag) {
                    inTag = c != '>';
                } else if (c == '<' && i + 1 < html.length() && (Character.isLetter(html.charAt(i + 1))
                        || html.charAt(i + 1) == '/' || html.charAt(i + 1) == '!')) {
                    inTag = true;
                    out.append(' ');
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        static String collapse(CharSequence text) {
            StringBuilder out = new StringBuilder(text.length());
            boolean space = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    space = !out.isEmpty();
                } else {
                    if (space) {
                        out.append(' ');
                        space = false;
                    }
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
