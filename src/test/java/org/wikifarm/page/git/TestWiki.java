package org.wikifarm.page.git;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.wikifarm.page.Author;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.WikiFiles;

/** A fresh bare wiki repository on a temp dir with a store over it, for tests. */
final class TestWiki implements AutoCloseable {
    static final Author ALICE = new Author("Alice", "alice@example.org");
    static final Author BOB = new Author("Bob", "bob@example.org");

    final Path dir;
    final Repository repo;
    final GitPageStore store;

    private TestWiki(Path dir) throws IOException {
        this.dir = dir;
        this.repo = open(dir);
        this.store = new GitPageStore(repo);
    }

    static TestWiki create(Path dir) throws IOException {
        WikiFiles.createBareRepository(dir);
        return new TestWiki(dir);
    }

    /** A second, independent handle on the same repository, as another process would have. */
    static Repository open(Path dir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
    }

    static PagePath page(String value) {
        return new PagePath(value);
    }

    String save(String page, String content, String base) {
        return store.save(page(page), content, base, ALICE, null).revision();
    }

    String content(String page) {
        return store.read(page(page)).orElseThrow().content();
    }

    @Override
    public void close() {
        repo.close();
    }
}
