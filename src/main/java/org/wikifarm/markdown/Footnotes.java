package org.wikifarm.markdown;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;
import org.commonmark.parser.block.AbstractBlockParser;
import org.commonmark.parser.block.AbstractBlockParserFactory;
import org.commonmark.parser.block.BlockContinue;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;
import org.wikifarm.limit.Deadline;

/**
 * Footnotes as GitHub writes them: {@code text[^label]} and, anywhere in the page, {@code [^label]: the note}. The
 * block at the end of the document holding the notes that are referenced, in order of first reference; a definition
 * nothing refers to is dropped, a reference to no definition stays text. Our own because the commonmark footnotes
 * extension is not published for commonmark 0.32 (0.30's does not run on it). Labels are at most
 * {@link #MAX_LABEL} characters without spaces or brackets; every step is one pass.
 */
public final class Footnotes extends CustomBlock {
    static final int MAX_LABEL = 100;

    Footnotes() {
    }

    /** The label of {@code [^label]} starting at {@code start} in {@code text}, or null; its end is start + 3 + length. */
    static String labelAt(CharSequence text, int start) {
        if (start + 3 >= text.length() || text.charAt(start) != '[' || text.charAt(start + 1) != '^') {
            return null;
        }
        int i = start + 2;
        while (i < text.length() && i - start - 2 <= MAX_LABEL) {
            char c = text.charAt(i);
            if (c == ']') {
                return i == start + 2 ? null : text.subSequence(start + 2, i).toString();
            }
            if (Character.isWhitespace(c) || c == '[' || c == '^') {
                return null;
            }
            i++;
        }
        return null;
    }

    /** Starts a definition at {@code [^label]:} (up to three spaces before it). */
    static final class DefinitionFactory extends AbstractBlockParserFactory {
        @Override
        public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
            if (state.getIndent() >= 4) {
                return BlockStart.none();
            }
            CharSequence line = state.getLine().getContent();
            int at = state.getNextNonSpaceIndex();
            String label = labelAt(line, at);
            int colon = label == null ? -1 : at + 3 + label.length();
            if (colon < 0 || colon >= line.length() || line.charAt(colon) != ':') {
                return BlockStart.none();
            }
            int content = colon + 1;
            while (content < line.length() && (line.charAt(content) == ' ' || line.charAt(content) == '\t')) {
                content++;
            }
            return BlockStart.of(new DefinitionParser(label)).atIndex(content);
        }
    }

    /** A container: lines indented by four or more columns, blank lines and lazy paragraph lines belong to it. */
    private static final class DefinitionParser extends AbstractBlockParser {
        private final FootnoteDefinition block;

        DefinitionParser(String label) {
            block = new FootnoteDefinition(label);
        }

        @Override
        public Block getBlock() {
            return block;
        }

        @Override
        public boolean isContainer() {
            return true;
        }

        @Override
        public boolean canContain(Block childBlock) {
            return true;
        }

        @Override
        public BlockContinue tryContinue(ParserState state) {
            if (state.isBlank()) {
                return block.getFirstChild() == null ? BlockContinue.none()
                        : BlockContinue.atIndex(state.getNextNonSpaceIndex());
            }
            if (state.getIndent() >= 4) {
                return BlockContinue.atColumn(state.getColumn() + 4);
            }
            return BlockContinue.none();
        }
    }

    /**
     * Links references to definitions and gathers the referenced definitions at the end. Runs after the wiki links,
     * on text outside code and links.
     */
    static final class Linker implements PostProcessor {
        @Override
        public Node process(Node document) {
            Map<String, FootnoteDefinition> definitions = new HashMap<>();
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(CustomBlock block) {
                    Deadline.checkCurrent();
                    if (block instanceof FootnoteDefinition definition) {
                        definitions.putIfAbsent(definition.label(), definition);
                    }
                    visitChildren(block);
                }
            });
            if (definitions.isEmpty()) {
                return document;
            }
            List<FootnoteDefinition> referenced = new ArrayList<>();
            Map<String, Integer> occurrences = new HashMap<>();
            linkReferences(document, definitions, referenced, occurrences);
            for (FootnoteDefinition definition : definitions.values()) {
                definition.unlink();
            }
            // Definitions inside definitions were collected too: drop any left where they were written.
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(CustomBlock block) {
                    Deadline.checkCurrent();
                    if (block instanceof FootnoteDefinition) {
                        block.unlink();
                    } else {
                        visitChildren(block);
                    }
                }
            });
            if (!referenced.isEmpty()) {
                Footnotes notes = new Footnotes();
                for (FootnoteDefinition definition : referenced) {
                    addBackref(definition);
                    notes.appendChild(definition);
                }
                document.appendChild(notes);
            }
            return document;
        }

        private static void linkReferences(Node parent, Map<String, FootnoteDefinition> definitions,
                List<FootnoteDefinition> referenced, Map<String, Integer> occurrences) {
            Node node = parent.getFirstChild();
            while (node != null) {
                Deadline.checkCurrent();
                Node next = node.getNext();
                if (node instanceof Text text) {
                    split(text, definitions, referenced, occurrences);
                } else if (!(node instanceof Link || node instanceof Image || node instanceof Code)) {
                    linkReferences(node, definitions, referenced, occurrences);
                }
                node = next;
            }
        }

        /** Replaces the references in one text node. */
        private static void split(Text text, Map<String, FootnoteDefinition> definitions,
                List<FootnoteDefinition> referenced, Map<String, Integer> occurrences) {
            String literal = text.getLiteral();
            int from = literal.indexOf("[^");
            if (from < 0) {
                return;
            }
            List<Node> replacement = new ArrayList<>();
            int done = 0;
            while (from >= 0) {
                String label = labelAt(literal, from);
                FootnoteDefinition definition = label == null ? null : definitions.get(label);
                if (definition == null) {
                    from = literal.indexOf("[^", from + 2);
                    continue;
                }
                if (definition.number() == 0) {
                    referenced.add(definition);
                    definition.setNumber(referenced.size());
                }
                int occurrence = occurrences.merge(label, 1, Integer::sum);
                if (from > done) {
                    replacement.add(new Text(literal.substring(done, from)));
                }
                replacement.add(new FootnoteRef(definition.number(), occurrence));
                done = from + 3 + label.length();
                from = literal.indexOf("[^", done);
            }
            if (replacement.isEmpty()) {
                return;
            }
            if (done < literal.length()) {
                replacement.add(new Text(literal.substring(done)));
            }
            for (Node n : replacement) {
                text.insertBefore(n);
            }
            text.unlink();
        }

        private static void addBackref(FootnoteDefinition definition) {
            if (definition.getLastChild() instanceof Paragraph paragraph) {
                paragraph.appendChild(new Text(" "));
                paragraph.appendChild(new FootnoteBackref(definition.number()));
            } else {
                Paragraph paragraph = new Paragraph();
                paragraph.appendChild(new FootnoteBackref(definition.number()));
                definition.appendChild(paragraph);
            }
        }
    }
}
