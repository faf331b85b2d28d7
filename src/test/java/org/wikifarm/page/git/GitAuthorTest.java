package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.Author;
import org.wikifarm.page.Change;

/** An account whose name was accepted before names were checked can still write, and the commit stays sound. */
class GitAuthorTest extends GitWikiTestCase {

    @Test
    void aNameWithAngleBracketsAndANewlineStillCommitsAndParsesBack() throws Exception {
        Author legacy = new Author("Mallory <root@x>\ncommitter Eve", "mallory@example.org>\n<x");

        String revision = store.save(TestWiki.page("Home"), "hello", null, legacy, "first").revision();

        try (RevWalk walk = new RevWalk(wiki.repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision));
            PersonIdent author = commit.getAuthorIdent();
            assertThat(author.getName()).isEqualTo("Mallory root@x committer Eve");
            assertThat(author.getEmailAddress()).isEqualTo("mallory@example.org x");
            String raw = new String(commit.getRawBuffer(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(raw.lines().filter(line -> line.startsWith("committer ")).count()).isEqualTo(1);
        }
        List<Change> history = store.history(TestWiki.page("Home"), 10);
        assertThat(history).singleElement().satisfies(change -> {
            assertThat(change.author()).isEqualTo("Mallory root@x committer Eve");
            assertThat(change.email()).isEqualTo("mallory@example.org x");
        });
    }
}
