package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.auth.Caller;
import org.wikifarm.page.Author;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.tenant.Wiki;

/** What a restart finds: another model configured, commits made while search was not watching, an old index. */
class SearchRestartTest {
    @TempDir
    Path dir;

    @Test
    void anotherModelReembedsAndCommitsMadeBehindTheQueuesBackAreCaughtUp() throws IOException {
        Caller alice;
        Wiki wiki;
        String builtWithInt8;
        try (SearchFixture farm = new SearchFixture(dir, "int8")) {
            alice = farm.signUp("alice");
            wiki = farm.wiki(alice, "restarts", false);
            farm.save(alice, wiki, "kettle", "# Kettle\n\nBoil water for tea in the copper kettle on the stove.");
            farm.awaitModel();
            SearchStatus status = farm.awaitIndexed(alice, wiki);
            assertThat(status.model()).isEqualTo("all-minilm-l6-v2-q");
            builtWithInt8 = status.lastIndexedCommit();
        }

        // A writer that bypasses PageService (as a git push will), while the server is down.
        try (Repository repo = new FileRepository(dir.resolve("wikis").resolve(wiki.id().value())
                .resolve("repo.git").toFile())) {
            GitPageStore store = new GitPageStore(repo);
            store.save(new PagePath("teapot"), "# Teapot\n\nWarm the porcelain teapot before the leaves go in.",
                    null, new Author("Pusher", "pusher@example.org"), "pushed").revision();
            store.delete(new PagePath("kettle"), null, new Author("Pusher", "pusher@example.org"), "pushed");
        }

        try (SearchFixture farm = new SearchFixture(dir, "fp32")) {
            farm.awaitModel();
            farm.app.search().status(alice, wiki); // opens the index: model check and catch-up
            SearchStatus status = farm.awaitIndexed(alice, wiki);
            assertThat(status.model()).isEqualTo("all-minilm-l6-v2");
            assertThat(status.lastIndexedCommit()).isEqualTo(status.headCommit()).isNotEqualTo(builtWithInt8);
            assertThat(status.indexedPages()).isEqualTo(1);
            assertThat(status.indexedChunks()).isEqualTo(1);
            assertThat(farm.paths(alice, wiki, "porcelain", "text")).containsExactly("teapot");
            assertThat(farm.paths(alice, wiki, "copper kettle", "text")).isEmpty();
            assertThat(farm.paths(alice, wiki, "warming a pot for brewing", "semantic")).containsExactly("teapot");
        }
    }

    @Test
    void aWikiWithPagesButNoIndexGetsAFullReindex() throws IOException {
        Caller alice;
        Wiki wiki;
        try (SearchFixture farm = new SearchFixture(dir, "off")) {
            alice = farm.signUp("alice");
            wiki = farm.wiki(alice, "older", false);
            farm.save(alice, wiki, "one", "# One\n\nThe first page of an older wiki.");
            farm.save(alice, wiki, "two", "# Two\n\nThe second page of an older wiki.");
            SearchStatus status = farm.awaitIndexed(alice, wiki);
            assertThat(status.semantic()).isEqualTo("off");
            assertThat(status.indexedChunks()).isZero();
            assertThat(farm.app.search().search(alice, wiki, "second", "hybrid", 10).mode()).isEqualTo("text");
        }
        // As if the wiki was made before search existed: no index folder at all.
        deleteRecursively(dir.resolve("wikis").resolve(wiki.id().value()).resolve("index"));
        try (SearchFixture farm = new SearchFixture(dir, "off")) {
            farm.app.search().status(alice, wiki);
            SearchStatus status = farm.awaitIndexed(alice, wiki);
            assertThat(status.indexedPages()).isEqualTo(2);
            assertThat(status.reindex().total()).isEqualTo(3);
            assertThat(farm.paths(alice, wiki, "second", "text")).containsExactly("two");
        }
    }

    @Test
    void anIndexOfAnOlderLayoutIsRebuiltWithItsVectorsFromTheCache() throws IOException {
        Caller alice;
        Wiki wiki;
        SearchStatus before;
        try (SearchFixture farm = new SearchFixture(dir, "int8")) {
            alice = farm.signUp("alice");
            wiki = farm.wiki(alice, "layouts", false);
            farm.save(alice, wiki, "indexes", "# Indexes\n\nEvery wiki keeps its own search indexes on disk.");
            farm.save(alice, wiki, "kettle", "# Kettle\n\nBoil water for tea in the copper kettle on the stove.");
            farm.awaitModel();
            before = farm.awaitIndexed(alice, wiki);
            assertThat(before.embeddedChunks()).isEqualTo(2);
        }
        // As if written by the previous release: the same documents, another layout in the commit data.
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir.resolve("wikis").resolve(wiki.id().value())
                .resolve("index")), new IndexWriterConfig())) {
            Map<String, String> data = new HashMap<>();
            writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
            data.put(LucenePageIndex.META_LAYOUT, "3");
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
        try (SearchFixture farm = new SearchFixture(dir, "int8")) {
            farm.awaitModel();
            farm.app.search().status(alice, wiki); // opens the index: another layout, so a rebuild
            SearchStatus after = farm.awaitIndexed(alice, wiki);
            assertThat(after.indexedPages()).isEqualTo(2);
            assertThat(after.indexedChunks()).isEqualTo(2);
            // Unchanged chunks: every vector came from the embedding cache, none was embedded again.
            assertThat(after.embeddedChunks()).isZero();
            assertThat(after.cachedVectors()).isEqualTo(before.cachedVectors());
            // The new layout's stems: "indexing" finds the page about indexes.
            assertThat(farm.paths(alice, wiki, "indexing", "text")).containsExactly("indexes");
            assertThat(farm.paths(alice, wiki, "heating water for a hot drink", "semantic")).first()
                    .isEqualTo("kettle");
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (var files = java.nio.file.Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(file);
            }
        }
    }
}
