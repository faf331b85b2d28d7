package org.wikifarm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Benchmark results as Markdown, printed as they come and written to a file at the end. */
final class MarkdownReport {
    private final StringBuilder text = new StringBuilder();

    /** The machine's load average (1, 5, 15 min), which says how much of it a benchmark had; "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    void heading(String title) {
        add("\n### " + title + "\n");
    }

    void paragraph(String line) {
        add(line + "\n");
    }

    void table(List<String> header, List<List<String>> rows) {
        StringBuilder table = new StringBuilder();
        table.append(row(header));
        table.append(row(header.stream().map(h -> "---").toList()));
        rows.forEach(r -> table.append(row(r)));
        add(table.toString());
    }

    void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the benchmark results to " + file, e);
        }
        System.out.println("Benchmark results written to " + file.toAbsolutePath());
    }

    private void add(String block) {
        text.append(block).append('\n');
        System.out.println(block);
        System.out.flush();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
