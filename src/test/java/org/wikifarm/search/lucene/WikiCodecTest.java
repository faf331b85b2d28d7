package org.wikifarm.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.lucene.LucenePageIndex.ChunkDocument;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;

/**
 * Segments are written with the small-block stored fields, read back by name, and older segments stay readable; an
 * index this build cannot read is made again empty (the wiki's pages and embedding cache rebuild it).
 */
class WikiCodecTest {
    @TempDir
    Path dir;

    private static PageDocument page(String path, String body) {
        return new PageDocument(new PagePath(path), path, "", body,
                List.of(new ChunkDocument(0, path, body, null)));
    }

    private List<String> codecs() throws IOException {
        try (Directory directory = FSDirectory.open(dir)) {
            return SegmentInfos.readLatestCommit(directory).asList().stream()
                    .map(segment -> segment.info.getCodec().getName()).toList();
        }
    }

    @Test
    void anIndexIsWrittenWithItAndItsTextsReadBack() throws IOException {
        String body = "Roses need sun. ".repeat(400) + "The last sentence names tulips.";
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(page("roses", body));
            index.put(page("short", "Tulips in spring."));
            index.commit(Map.of());
            Map<String, String> snippets = index.read(view -> view.snippets("tulips", List.of("roses", "short")));
            assertThat(snippets).containsKeys("roses", "short")
                    .hasEntrySatisfying("roses", snippet -> assertThat(snippet).contains("<mark>tulips</mark>"));
            List<ChunkDocument> chunks = new java.util.ArrayList<>();
            index.forEachChunk(chunks::add);
            assertThat(chunks).extracting(ChunkDocument::text).contains(body, "Tulips in spring.");
        }
        assertThat(codecs()).isNotEmpty().allMatch(WikiCodec.NAME::equals);
        try (LucenePageIndex reopened = new LucenePageIndex(dir)) {
            assertThat(reopened.paths()).containsExactlyInAnyOrder("roses", "short");
        }
    }

    @Test
    void anIndexOfLucenesOwnCodecStaysReadableAndNewSegmentsUseOurs() throws IOException {
        try (Directory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(new Lucene912Codec()))) {
            Document old = new Document();
            old.add(new StringField(LucenePageIndex.KIND, "other", Field.Store.YES));
            writer.addDocument(old);
            writer.commit();
        }
        assertThat(codecs()).containsExactly("Lucene912");
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(page("new", "A page written after the upgrade."));
            index.commit(Map.of());
            assertThat(index.paths()).containsExactly("new");
        }
        assertThat(codecs()).contains("Lucene912", WikiCodec.NAME);
    }

    @Test
    void anIndexOfACodecThisBuildDoesNotKnowIsMadeAgainEmpty() throws IOException {
        try (Directory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig()
                     .setCodec(new FilterCodec("FromANewerVersion", new Lucene912Codec()) { }))) {
            writer.addDocument(new Document());
            writer.commit();
        }
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            assertThat(index.meta()).as("empty: the wiki's first use rebuilds it").isEmpty();
            index.put(page("roses", "Roses need sun."));
            index.commit(Map.of());
            assertThat(index.paths()).containsExactly("roses");
        }
        assertThat(codecs()).containsOnly(WikiCodec.NAME);
    }

    @Test
    void aDamagedIndexIsMadeAgainEmpty() throws IOException {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(page("roses", "Roses need sun."));
            index.commit(Map.of("commit", "abc"));
        }
        Path segments;
        try (var files = java.nio.file.Files.list(dir)) {
            segments = files.filter(file -> file.getFileName().toString().startsWith("segments_")).findFirst()
                    .orElseThrow();
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(segments);
        bytes[bytes.length / 2] ^= 0x5a;
        java.nio.file.Files.write(segments, bytes);

        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            assertThat(index.meta()).isEmpty();
            assertThat(index.paths()).isEmpty();
        }
    }
}
