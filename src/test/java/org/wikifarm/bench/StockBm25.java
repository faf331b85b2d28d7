package org.wikifarm.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Stock Lucene, as the comparison: one field holding a document's title and text (a blank line between), the given
 * analyzer, BM25 with its defaults (k1 = 1.2, b = 0.75), and each query as the analyzer's words OR'ed together — what
 * the classic {@code QueryParser} makes of plain text. In memory, in the benchmark's own JVM.
 */
public final class StockBm25 implements AutoCloseable {
    private static final String ID = "id";
    private static final String TEXT = "text";
    private final Analyzer analyzer;
    private final Directory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    public StockBm25(Analyzer analyzer, List<RelevanceCollection.Doc> docs) throws IOException {
        this.analyzer = analyzer;
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (RelevanceCollection.Doc doc : docs) {
                Document d = new Document();
                d.add(new StringField(ID, doc.id(), Field.Store.YES));
                d.add(new TextField(TEXT, doc.title() + "\n\n" + doc.text(), Field.Store.NO));
                writer.addDocument(d);
            }
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), 8192));
    }

    /** Document ids, best first. */
    public List<String> search(String text, int limit) throws IOException {
        Query query = new QueryBuilder(analyzer).createBooleanQuery(TEXT, text);
        ScoreDoc[] hits = searcher.search(query == null ? new MatchNoDocsQuery() : query, limit).scoreDocs;
        List<String> ids = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            ids.add(searcher.storedFields().document(hit.doc).get(ID));
        }
        return ids;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }
}
