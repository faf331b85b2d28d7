package org.wikifarm.markdown;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.wikifarm.limit.Deadline;

/**
 * Finds where a wiki link's page name is written in the source, from the text node it was parsed out of. The parser
 * decodes backslash escapes and entities in a text node, so its literal can be shorter than the source it came from;
 * this walks the two side by side, undoing exactly those two, and accepts a position only when the source there
 * spells the page name character for character. Links of one text node come in order and share one walk, so finding
 * all of a page's links is linear in its length.
 */
final class SpellingLocator {
    /** Entity names seen, and what they decode to (null: not an entity); bounded, as names come from user text. */
    private static final Map<String, String> NAMED = new ConcurrentHashMap<>();
    private static final int MAX_NAMED = 4_096;
    private static final Parser PLAIN = Parser.builder().build();

    private final String source;
    private String literal;
    private int li;
    private int si;
    private int spanEnd;

    SpellingLocator(String source) {
        this.source = source;
    }

    /** The source index at which {@code page} is written for this link, or -1. */
    int locate(WikiLink.Spelling spelling, String page) {
        if (spelling.literal() != literal || spelling.index() < li) {
            literal = spelling.literal();
            li = 0;
            si = spelling.spanStart();
            spanEnd = Math.min(source.length(), spelling.spanStart() + spelling.spanLength());
        }
        if (!advanceTo(spelling.index())) {
            literal = null;
            return -1;
        }
        return source.startsWith(page, si) && literal.startsWith(page, li) ? si : -1;
    }

    /** Moves the walk to literal index {@code target}; false when the source does not decode to the literal. */
    private boolean advanceTo(int target) {
        while (li < target && si < spanEnd) {
            Deadline.checkCurrent();
            char c = source.charAt(si);
            if (c == '\\' && si + 1 < spanEnd && isAsciiPunctuation(source.charAt(si + 1))) {
                if (literal.charAt(li) != source.charAt(si + 1)) {
                    return false;
                }
                li++;
                si += 2;
                continue;
            }
            if (c == '&') {
                int end = entityEnd(si);
                String decoded = end < 0 ? null : decode(source.substring(si, end + 1));
                if (decoded != null) {
                    if (!literal.startsWith(decoded, li)) {
                        return false;
                    }
                    li += decoded.length();
                    si = end + 1;
                    continue;
                }
            }
            if (literal.charAt(li) != c) {
                return false;
            }
            li++;
            si++;
        }
        return li == target;
    }

    /** The index of the {@code ;} ending an entity that starts at {@code at} ({@code &#9;}, {@code &#x1F;}, {@code &name;}), or -1. */
    private int entityEnd(int at) {
        int i = at + 1;
        int max;
        boolean numeric = i < spanEnd && source.charAt(i) == '#';
        boolean hex = false;
        if (numeric) {
            i++;
            hex = i < spanEnd && (source.charAt(i) == 'x' || source.charAt(i) == 'X');
            if (hex) {
                i++;
            }
            max = hex ? 6 : 7;
        } else {
            max = 32;
        }
        int start = i;
        while (i < spanEnd && i - start < max) {
            char c = source.charAt(i);
            boolean ok = hex ? Character.digit(c, 16) >= 0 : numeric ? c >= '0' && c <= '9' : isAsciiAlphanumeric(c);
            if (!ok) {
                break;
            }
            i++;
        }
        boolean named = !numeric && i > start && Character.isLetter(source.charAt(start));
        return i > start && (numeric || named) && i < spanEnd && source.charAt(i) == ';' ? i : -1;
    }

    /** What CommonMark makes of an entity: numeric ones by their code point, named ones by the parser itself. */
    private static String decode(String entity) {
        if (entity.charAt(1) == '#') {
            boolean hex = entity.charAt(2) == 'x' || entity.charAt(2) == 'X';
            int code = Integer.parseInt(entity.substring(hex ? 3 : 2, entity.length() - 1), hex ? 16 : 10);
            boolean valid = code != 0 && code <= Character.MAX_CODE_POINT && (code < 0xD800 || code > 0xDFFF);
            return new String(Character.toChars(valid ? code : 0xFFFD));
        }
        String known = NAMED.get(entity);
        if (known != null || NAMED.containsKey(entity)) {
            return known;
        }
        Node paragraph = PLAIN.parse(entity).getFirstChild();
        String decoded = paragraph instanceof Paragraph && paragraph.getFirstChild() instanceof Text text
                && text.getNext() == null && !text.getLiteral().equals(entity) ? text.getLiteral() : null;
        if (NAMED.size() < MAX_NAMED && decoded != null) {
            NAMED.put(entity, decoded);
        }
        return decoded;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
