package org.wikifarm.search;

import java.util.ArrayList;
import java.util.List;
import org.wikifarm.page.PagePath;

/**
 * Cuts a page into chunks for embedding. Split by headings; a section under {@value #WHOLE_BELOW} words stays whole;
 * a longer one is cut into ~{@value #TARGET}-word chunks on paragraph (else sentence, else word) boundaries, each
 * after the first starting with the last {@value #OVERLAP} words of the one before; a section under
 * {@value #MERGE_BELOW} words joins a neighbour (the one before it, else the one after). Cuts depend only on the
 * section's own text, so editing one paragraph changes one or two chunks and the rest keep their cached vectors.
 */
public final class Chunker {
    static final int WHOLE_BELOW = 300;
    static final int TARGET = 150;
    static final int OVERLAP = 35;
    static final int MERGE_BELOW = 50;
    /** A chunk may grow this far past the target to end on a paragraph boundary. */
    private static final int STRETCH = 180;

    private Chunker() {
    }

    public static List<Chunk> chunks(PagePath page, String markdown) {
        return chunks(page, MarkdownText.sections(markdown));
    }

    /** The chunks of a page already split into sections. */
    public static List<Chunk> chunks(PagePath page, List<Section> sections) {
        List<Section> merged = merge(sections);
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : merged) {
            String breadcrumb = breadcrumb(page, section);
            for (String text : cut(section)) {
                chunks.add(new Chunk(chunks.size(), breadcrumb, text));
            }
        }
        return chunks;
    }

    static String breadcrumb(PagePath page, Section section) {
        StringBuilder crumb = new StringBuilder(page.value());
        for (String heading : section.headings()) {
            if (!heading.isEmpty()) {
                crumb.append(" > ").append(heading);
            }
        }
        return crumb.toString();
    }

    /**
     * Small sections join the section before them (else after), keeping the host's headings; the small section's
     * own heading stays in the text, so its words are still embedded. One pass: a host's paragraphs grow in place,
     * so 20,000 tiny sections cost 20,000 steps, not 200 million.
     */
    static List<Section> merge(List<Section> sections) {
        List<List<String>> headings = new ArrayList<>();
        List<List<String>> paragraphs = new ArrayList<>();
        Section carried = null;
        for (Section section : sections) {
            List<String> own = new ArrayList<>();
            if (carried != null) {
                own.addAll(withHeading(carried, false));
                carried = null;
            }
            own.addAll(section.paragraphs());
            int words = 0;
            for (String paragraph : own) {
                words += Words.count(paragraph);
            }
            if (words >= MERGE_BELOW) {
                headings.add(section.headings());
                paragraphs.add(own);
            } else if (!paragraphs.isEmpty()) {
                List<String> host = paragraphs.get(paragraphs.size() - 1);
                String heading = lastHeading(section);
                if (!heading.isEmpty()) {
                    host.add(heading);
                }
                host.addAll(own);
            } else {
                carried = new Section(section.headings(), own);
            }
        }
        List<Section> result = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            result.add(new Section(headings.get(i), paragraphs.get(i)));
        }
        if (carried != null && (carried.words() > 0 || !carried.headings().isEmpty())) {
            result.add(carried);
        }
        return result;
    }

    private static String lastHeading(Section section) {
        return section.headings().isEmpty() ? "" : section.headings().get(section.headings().size() - 1);
    }

    private static List<String> withHeading(Section section, boolean joiningBefore) {
        List<String> paragraphs = new ArrayList<>();
        String heading = lastHeading(section);
        if (joiningBefore && !heading.isEmpty()) {
            paragraphs.add(heading);
        }
        paragraphs.addAll(section.paragraphs());
        return paragraphs;
    }

    /** The chunk texts of one section. */
    static List<String> cut(Section section) {
        if (section.words() < WHOLE_BELOW) {
            String whole = String.join("\n\n", section.paragraphs());
            return whole.isBlank() ? List.of() : List.of(whole);
        }
        List<String> units = new ArrayList<>();
        for (String paragraph : section.paragraphs()) {
            units.addAll(units(paragraph));
        }
        List<String> bodies = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int words = 0;
        for (String unit : units) {
            int unitWords = Words.count(unit);
            if (words > 0 && words + unitWords > STRETCH && words >= TARGET / 2) {
                bodies.add(current.toString());
                current.setLength(0);
                words = 0;
            }
            if (!current.isEmpty()) {
                current.append(unit.startsWith(" ") ? " " : "\n\n");
            }
            current.append(unit.strip());
            words += unitWords;
        }
        if (!current.isEmpty()) {
            bodies.add(current.toString());
        }
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            chunks.add(i == 0 ? bodies.get(i) : Words.tail(bodies.get(i - 1), OVERLAP) + " … " + bodies.get(i));
        }
        return chunks;
    }

    /** A paragraph, or its sentences when it is longer than a chunk, or word runs when a sentence is. */
    private static List<String> units(String paragraph) {
        if (Words.count(paragraph) <= STRETCH) {
            return List.of(paragraph);
        }
        List<String> units = new ArrayList<>();
        for (String sentence : Words.sentences(paragraph)) {
            List<String> pieces = Words.count(sentence) <= STRETCH ? List.of(sentence)
                    : Words.hardCut(sentence, TARGET);
            for (String piece : pieces) {
                // A leading space marks a unit that continues the paragraph before it (joined by a space, not a
                // blank line) when it lands in the same chunk.
                units.add(units.isEmpty() ? piece : " " + piece);
            }
        }
        return units;
    }
}
