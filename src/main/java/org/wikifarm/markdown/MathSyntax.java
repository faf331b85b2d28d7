package org.wikifarm.markdown;

import java.util.Set;
import org.commonmark.node.Block;
import org.commonmark.node.Text;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;
import org.commonmark.parser.block.AbstractBlockParser;
import org.commonmark.parser.block.AbstractBlockParserFactory;
import org.commonmark.parser.block.BlockContinue;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;
import org.wikifarm.limit.Deadline;

/**
 * Math in the grammar, read from the source as written (Markdown's backslash escapes would break TeX):
 * {@code $x$} and {@code $$x$$} inline, and display blocks from a line starting with {@code $$} to a line ending with
 * {@code $$}. As on GitHub, an inline opening {@code $} must be followed by a non-space and the closing one preceded
 * by a non-space and not followed by a digit, so prices ("$5 and $10") stay text; a backslash keeps the next
 * character out of the search ({@code \$} inside math). An inline formula ends on its line and within
 * {@link #MAX_INLINE} characters, so trying every {@code $} of a paragraph costs at most that much each: linear.
 */
final class MathSyntax {
    static final int MAX_INLINE = 1_000;

    private MathSyntax() {
    }

    /** Inline math, triggered by {@code $}. */
    static final class InlineFactory implements InlineContentParserFactory {
        @Override
        public Set<Character> getTriggerCharacters() {
            return Set.of('$');
        }

        @Override
        public InlineContentParser create() {
            return InlineFactory::parse;
        }

        private static ParsedInline parse(InlineParserState state) {
            Deadline.checkCurrent();
            Scanner scanner = state.scanner();
            Position opening = scanner.position();
            int dollars = scanner.matchMultiple('$');
            if (dollars > 2) {
                // Taken as text in one piece: declining would have the parser try again at every '$' of the run.
                return ParsedInline.of(new Text(scanner.getSource(opening, scanner.position()).getContent()),
                        scanner.position());
            }
            Position start = scanner.position();
            char first = scanner.peek();
            if (first == Scanner.END || Character.isWhitespace(first)) {
                return ParsedInline.none();
            }
            for (int read = 0; read < MAX_INLINE; read++) {
                char c = scanner.peek();
                if (c == Scanner.END || c == '\n') {
                    return ParsedInline.none();
                }
                if (c == '\\') {
                    scanner.next();
                    if (scanner.peek() == '\n') {
                        return ParsedInline.none();
                    }
                    scanner.next();
                    continue;
                }
                if (c != '$') {
                    scanner.next();
                    continue;
                }
                int before = scanner.peekPreviousCodePoint();
                Position end = scanner.position();
                int run = scanner.matchMultiple('$');
                if (run == dollars && !Character.isWhitespace(before)
                        && !(dollars == 1 && Character.isDigit(scanner.peek()))) {
                    String tex = scanner.getSource(start, end).getContent();
                    return ParsedInline.of(new MathInline(tex), scanner.position());
                }
                read += run - 1;
            }
            return ParsedInline.none();
        }
    }

    /** Display math blocks, opened by {@code $$} at the start of a line. */
    static final class BlockFactory extends AbstractBlockParserFactory {
        @Override
        public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
            if (state.getIndent() >= 4) {
                return BlockStart.none();
            }
            CharSequence line = state.getLine().getContent();
            int at = state.getNextNonSpaceIndex();
            if (at + 1 >= line.length() || line.charAt(at) != '$' || line.charAt(at + 1) != '$') {
                return BlockStart.none();
            }
            String rest = line.subSequence(at + 2, line.length()).toString().strip();
            if (rest.startsWith("$")) {
                return BlockStart.none();
            }
            BlockParser parser = new BlockParser();
            if (rest.endsWith("$$")) {
                parser.text.append(rest, 0, rest.length() - 2);
                parser.closed = true;
            } else {
                parser.text.append(rest);
            }
            return BlockStart.of(parser).atIndex(line.length());
        }
    }

    private static final class BlockParser extends AbstractBlockParser {
        private final StringBuilder text = new StringBuilder();
        private boolean closed;
        private final MathBlock block = new MathBlock();

        @Override
        public Block getBlock() {
            return block;
        }

        @Override
        public BlockContinue tryContinue(ParserState state) {
            Deadline.checkCurrent();
            if (closed) {
                return BlockContinue.none();
            }
            CharSequence line = state.getLine().getContent();
            String content = line.subSequence(Math.min(state.getIndex(), line.length()), line.length()).toString();
            String stripped = content.strip();
            if (stripped.endsWith("$$")) {
                appendLine(stripped.substring(0, stripped.length() - 2));
                closed = true;
                return BlockContinue.finished();
            }
            return BlockContinue.atIndex(state.getIndex());
        }

        @Override
        public void addLine(SourceLine line) {
            appendLine(line.getContent().toString());
        }

        private void appendLine(String line) {
            if (!text.isEmpty() || !line.isBlank()) {
                text.append('\n').append(line);
            }
        }

        @Override
        public void closeBlock() {
            block.setTex(text.toString().strip());
        }
    }
}
