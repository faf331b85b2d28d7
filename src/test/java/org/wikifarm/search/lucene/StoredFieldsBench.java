package org.wikifarm.search.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
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
 * documents, three rounds each, and the size of the stored fields. Run on a copy of a kept index:
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
            for (int round = 1; round <= 3; round++) {
                int reads = 20_000;
                long began = System.nanoTime();
                for (int i = 0; i < reads; i++) {
                    StoredFields stored = reader.storedFields();
                    characters += stored.document(pages[random.nextInt(pages.length)].doc,
                            Set.of(LucenePageIndex.BODY)).get(LucenePageIndex.BODY).length();
                }
                System.out.printf("%s, round %d: %.1f µs per body (%,d page documents)%n", name, round,
                        (System.nanoTime() - began) / 1000.0 / reads, pages.length);
            }
            System.out.printf("(%,d characters read)%n", characters);
        }
    }
}
