package org.wikifarm.web;

import java.util.ArrayList;
import java.util.List;

/** A unified diff cut into rows for the inline and side-by-side views. */
public final class DiffView {
    /** One line of an inline diff; {@code kind} is {@code add}, {@code del}, {@code ctx} or {@code hunk}. */
    public record Line(String kind, Integer oldNumber, Integer newNumber, String text) {
    }

    /** One row of a side-by-side diff; a side is null where that version has no line. */
    public record Pair(Line left, Line right) {
    }

    private final List<Line> lines;

    private DiffView(List<Line> lines) {
        this.lines = lines;
    }

    public static DiffView parse(String unified) {
        List<Line> lines = new ArrayList<>();
        int oldNumber = 0;
        int newNumber = 0;
        for (String line : unified.split("\n", -1)) {
            if (line.startsWith("---") || line.startsWith("+++") || line.startsWith("\\") || line.isEmpty()
                    && lines.isEmpty()) {
                continue;
            }
            if (line.startsWith("@@")) {
                int[] starts = hunkStarts(line);
                oldNumber = starts[0];
                newNumber = starts[1];
                lines.add(new Line("hunk", null, null, line));
            } else if (line.startsWith("+")) {
                lines.add(new Line("add", null, newNumber++, line.substring(1)));
            } else if (line.startsWith("-")) {
                lines.add(new Line("del", oldNumber++, null, line.substring(1)));
            } else if (line.startsWith(" ")) {
                lines.add(new Line("ctx", oldNumber++, newNumber++, line.substring(1)));
            }
        }
        return new DiffView(lines);
    }

    public List<Line> getLines() {
        return lines;
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Deletions and the additions that follow them are paired up; context and hunk lines span both sides. */
    public List<Pair> getPairs() {
        List<Pair> pairs = new ArrayList<>();
        List<Line> dels = new ArrayList<>();
        List<Line> adds = new ArrayList<>();
        for (Line line : lines) {
            switch (line.kind()) {
                case "del" -> {
                    if (!adds.isEmpty()) {
                        flush(pairs, dels, adds);
                    }
                    dels.add(line);
                }
                case "add" -> adds.add(line);
                default -> {
                    flush(pairs, dels, adds);
                    pairs.add(new Pair(line, line));
                }
            }
        }
        flush(pairs, dels, adds);
        return pairs;
    }

    private static void flush(List<Pair> pairs, List<Line> dels, List<Line> adds) {
        for (int i = 0; i < Math.max(dels.size(), adds.size()); i++) {
            pairs.add(new Pair(i < dels.size() ? dels.get(i) : null, i < adds.size() ? adds.get(i) : null));
        }
        dels.clear();
        adds.clear();
    }

    /** {@code @@ -12,5 +12,7 @@} → {12, 12}. */
    private static int[] hunkStarts(String header) {
        String[] parts = header.split(" ");
        return new int[] {start(parts[1]), start(parts[2])};
    }

    private static int start(String range) {
        String digits = range.substring(1);
        int comma = digits.indexOf(',');
        return Integer.parseInt(comma < 0 ? digits : digits.substring(0, comma));
    }
}
