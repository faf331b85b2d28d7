package org.wikifarm.search.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SlowCodecReaderWrapper;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Reading page bodies as snippets do, from an index as it is and from the same documents rewritten with
 * {@link WikiCodec} (docs/search.md, "The search screen against An Otter Wiki"): µs per body over 20,000 random page
 * documents, three rounds each, and the size of the stored fields. An index of layout 4 has its bodies in stored
 * fields; from layout 5 on they are in binary doc values, read as {@link TextSearch#bodies} does (docs/search.md,
 * "Under load"). Run on a copy of a kept index:
 * {@code java -cp … org.wikifarm.search.lucene.StoredFieldsBench <index copy> <empty folder>}.
 */
public final class StoredFieldsBench {
    private StoredFieldsBench() {
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        Path rewritten = Path.of(args[1]);
        try (Directory in = FSDirectory.open(source); DirectoryReader reader = DirectoryReader.open(in);
             Directory out = FSDirectory.open(rewritten);
             IndexWriter writer = new IndexWriter(out, new IndexWriterConfig().setCodec(new WikiCodec()))) {
            List<CodecReader> leaves = new ArrayList<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                leaves.add(SlowCodecReaderWrapper.wrap(leaf.reader()));
            }
            writer.addIndexes(leaves.toArray(CodecReader[]::new));
            writer.forceMerge(reader.leaves().size());
            writer.commit();
        }
        System.out.printf("stored fields: %,d bytes as it is, %,d with WikiCodec%n", storedBytes(source),
                storedBytes(rewritten));
        time("as it is", source);
        time("WikiCodec", rewritten);
    }

    /** The bodies' characters, read as {@link TextSearch#bodies} does (layout 5 on). */
    private static long fromDocValues(IndexSearcher searcher, int[] docs) throws IOException {
        long characters = 0;
        for (CharSequence[] body : TextSearch.bodies(searcher, SortedDocs.of(docs),
                Integer.MAX_VALUE - 1, Integer.MAX_VALUE)) {
            characters += body[0].length();
        }
        return characters;
    }

    /** The bodies' characters, read from stored fields as Lucene's highlighter does (layout 4). */
    private static long fromStoredFields(DirectoryReader reader, int[] docs) throws IOException {
        long characters = 0;
        StoredFields stored = reader.storedFields();
        for (int doc : docs) {
            characters += stored.document(doc, Set.of(LucenePageIndex.BODY)).get(LucenePageIndex.BODY).length();
        }
        return characters;
    }

    private static long storedBytes(Path index) throws IOException {
        try (Stream<Path> files = Files.list(index)) {
            return files.filter(file -> file.toString().endsWith(".fdt")).mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }

    private static void time(String name, Path index) throws IOException {
        try (Directory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            ScoreDoc[] pages = new IndexSearcher(reader).search(new TermQuery(new Term(LucenePageIndex.KIND,
                    LucenePageIndex.PAGE)), Integer.MAX_VALUE).scoreDocs;
            Random random = new Random(1);
            long characters = 0;
            boolean docValues = reader.leaves().get(0).reader().getFieldInfos().fieldInfo(LucenePageIndex.BODY)
                    .getDocValuesType() == DocValuesType.BINARY;
            IndexSearcher searcher = new IndexSearcher(reader);
            for (int round = 1; round <= 3; round++) {
                int reads = 20_000;
                long began = System.nanoTime();
                for (int i = 0; i < reads; i += 20) { // 20 pages at a time, in document order, as the highlighter asks
                    int[] docs = new int[20];
                    for (int d = 0; d < docs.length; d++) {
                        docs[d] = pages[random.nextInt(pages.length)].doc;
                    }
                    Arrays.sort(docs);
                    characters += docValues ? fromDocValues(searcher, docs) : fromStoredFields(reader, docs);
                }
                System.out.printf("%s, round %d: %.1f µs per body (%,d page documents, %s)%n", name, round,
                        (System.nanoTime() - began) / 1000.0 / reads, pages.length,
                        docValues ? "doc values" : "stored fields");
            }
            System.out.printf("(%,d characters read)%n", characters);
        }
    }
}
