package org.wikifarm.page.git;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh bare wiki repository for each test, closed after it. */
abstract class GitWikiTestCase {
    @TempDir
    Path dir;
    TestWiki wiki;
    GitPageStore store;

    @BeforeEach
    void openWiki() throws Exception {
        wiki = TestWiki.create(dir.resolve("wiki.git"));
        store = wiki.store;
    }

    @AfterEach
    void closeWiki() {
        wiki.close();
    }
}
