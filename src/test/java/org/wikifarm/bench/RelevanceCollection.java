package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A labelled retrieval collection read from a folder, in one of two formats told apart by file names:
 * <ul>
 *   <li><b>SMART</b> (CISI, Medline, CACM, Cranfield…): {@code *.ALL} documents, {@code *.QRY} queries, {@code *.REL}
 *   relevance judgements. Records start with {@code .I <id>}; fields {@code .T} (title), {@code .W} (text), others
 *   ({@code .A} authors, {@code .B}, {@code .X} citations, …) are skipped. A {@code .REL} line is {@code qid docid …}
 *   (CISI: {@code qid docid 0 0.0}) or TREC's {@code qid 0 docid grade}, where a document id may read {@code MED-13}.</li>
 *   <li><b>BEIR</b>: {@code corpus.jsonl} ({@code _id}, {@code title}, {@code text}), {@code queries.jsonl}
 *   ({@code _id}, {@code text}) and {@code qrels/test.tsv} ({@code query-id corpus-id score}, a header line).</li>
 * </ul>
 * Only queries with at least one relevant document are kept (the usual practice: the others cannot be scored).
 */
public record RelevanceCollection(String name, List<Doc> docs, List<Query> queries,
                                  Map<String, Map<String, Integer>> qrels) {
    public record Doc(String id, String title, String text) {
    }

    public record Query(String id, String text) {
    }

    /**
     * The same documents as long pages of {@code size} each (the last may hold fewer), grouped at random with a fixed
     * seed, so that a page mixes topics as a long wiki page mixes sections: page {@code p<n>} is one {@code ## <title>}
     * section per document (Medline's untitled ones as {@code ## Document <id>}). A page's grade for a query is the
     * best grade of its documents. This ranks pages by a part of their text, which one document per page never asks.
     */
    public RelevanceCollection inLongPages(int size, long seed) {
        List<Doc> shuffled = new ArrayList<>(docs);
        Collections.shuffle(shuffled, new Random(seed));
        List<Doc> pages = new ArrayList<>();
        Map<String, String> pageOf = new HashMap<>();
        for (int from = 0; from < shuffled.size(); from += size) {
            String page = "p" + (pages.size() + 1);
            StringBuilder text = new StringBuilder();
            for (Doc doc : shuffled.subList(from, Math.min(from + size, shuffled.size()))) {
                pageOf.put(doc.id(), page);
                text.append("## ").append(doc.title().isBlank() ? "Document " + doc.id() : doc.title()).append("\n\n")
                        .append(doc.text()).append("\n\n");
            }
            pages.add(new Doc(page, "", text.toString().strip()));
        }
        Map<String, Map<String, Integer>> pageQrels = new HashMap<>();
        qrels.forEach((query, judged) -> judged.forEach((doc, grade) -> {
            String page = pageOf.get(doc);
            if (page != null) {
                pageQrels.computeIfAbsent(query, q -> new HashMap<>()).merge(page, grade, Math::max);
            }
        }));
        return new RelevanceCollection(name + "-long, " + size + " documents a page", pages, queries, pageQrels);
    }

    /** Every collection in the subfolders of {@code root} (sorted by name); folders in neither format are skipped. */
    public static List<RelevanceCollection> all(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            List<RelevanceCollection> found = new ArrayList<>();
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                RelevanceCollection collection = read(dir);
                if (collection != null) {
                    found.add(collection);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The collection in {@code dir}, or null when it holds neither format. */
    public static RelevanceCollection read(Path dir) throws IOException {
        if (Files.exists(dir.resolve("corpus.jsonl")) && Files.exists(dir.resolve("queries.jsonl"))
                && Files.exists(dir.resolve("qrels/test.tsv"))) {
            return beir(dir);
        }
        Path all = withSuffix(dir, ".ALL");
        Path qry = withSuffix(dir, ".QRY");
        Path rel = withSuffix(dir, ".REL");
        if (all != null && qry != null && rel != null) {
            return smart(dir.getFileName().toString(), all, qry, rel);
        }
        return null;
    }

    private static Path withSuffix(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().toUpperCase(Locale.ROOT).endsWith(suffix))
                    .findFirst().orElse(null);
        }
    }

    // SMART ---------------------------------------------------------------------------------------------------------

    private static RelevanceCollection smart(String name, Path all, Path qry, Path rel) throws IOException {
        List<Doc> docs = new ArrayList<>();
        for (Map<String, String> record : smartRecords(all)) {
            docs.add(new Doc(record.get("I"), record.getOrDefault("T", ""), record.getOrDefault("W", "")));
        }
        List<Query> queries = new ArrayList<>();
        for (Map<String, String> record : smartRecords(qry)) {
            queries.add(new Query(record.get("I"), record.getOrDefault("W", "")));
        }
        Map<String, Map<String, Integer>> qrels = new HashMap<>();
        for (String line : Files.readAllLines(rel, StandardCharsets.ISO_8859_1)) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || f[0].isEmpty()) {
                continue;
            }
            // TREC: qid 0 docid grade; SMART: qid docid 0 0.0
            boolean trec = f.length >= 4 && f[1].equals("0") && !f[2].equals("0");
            String doc = docId(trec ? f[2] : f[1]);
            int grade = trec ? Math.max(1, (int) Double.parseDouble(f[3])) : 1;
            qrels.computeIfAbsent(f[0], q -> new HashMap<>()).put(doc, grade);
        }
        return judged(name, docs, queries, qrels);
    }

    /** {@code MED-13} → {@code 13}; a plain number stays as it is. */
    private static String docId(String raw) {
        int dash = raw.lastIndexOf('-');
        return dash >= 0 ? raw.substring(dash + 1) : raw;
    }

    /** The records of a SMART file: field letter → text (lines joined by spaces), {@code I} the id. */
    private static List<Map<String, String>> smartRecords(Path file) throws IOException {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, StringBuilder> current = null;
        String field = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(".I ") || line.equals(".I")) {
                    if (current != null) {
                        records.add(flatten(current));
                    }
                    current = new LinkedHashMap<>();
                    current.put("I", new StringBuilder(line.substring(2).strip()));
                    field = null;
                } else if (line.length() >= 2 && line.charAt(0) == '.' && Character.isUpperCase(line.charAt(1))
                        && line.substring(2).isBlank()) {
                    field = line.substring(1, 2);
                } else if (current != null && field != null) {
                    StringBuilder text = current.computeIfAbsent(field, f -> new StringBuilder());
                    if (text.length() > 0) {
                        text.append(' ');
                    }
                    text.append(line.strip());
                }
            }
        }
        if (current != null) {
            records.add(flatten(current));
        }
        return records;
    }

    private static Map<String, String> flatten(Map<String, StringBuilder> record) {
        Map<String, String> flat = new HashMap<>();
        record.forEach((k, v) -> flat.put(k, v.toString().strip()));
        return flat;
    }

    // BEIR ----------------------------------------------------------------------------------------------------------

    private static RelevanceCollection beir(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Doc> docs = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode doc = json.readTree(line);
                docs.add(new Doc(doc.path("_id").asText(), doc.path("title").asText(""), doc.path("text").asText("")));
            }
        }
        List<Query> queries = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode query = json.readTree(line);
                queries.add(new Query(query.path("_id").asText(), query.path("text").asText("")));
            }
        }
        Map<String, Map<String, Integer>> qrels = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("qrels/test.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && !f[0].equals("query-id")) {
                int grade = Integer.parseInt(f[2]);
                if (grade > 0) {
                    qrels.computeIfAbsent(f[0], q -> new HashMap<>()).put(f[1], grade);
                }
            }
        }
        return judged(dir.getFileName().toString(), docs, queries, qrels);
    }

    private static RelevanceCollection judged(String name, List<Doc> docs, List<Query> queries,
                                              Map<String, Map<String, Integer>> qrels) {
        List<Query> judged = queries.stream().filter(q -> qrels.containsKey(q.id()) && !q.text().isBlank()).toList();
        return new RelevanceCollection(name, docs, judged, qrels);
    }
}
