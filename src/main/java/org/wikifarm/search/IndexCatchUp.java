package org.wikifarm.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.search.lucene.LucenePageIndex;

/**
 * Keeps the index in line with what git says changed, not only with what the queue says: a commit's queue row can be
 * missing (a crash between the commit and its row, a full queue, a writer that bypassed {@code PageService}), so each
 * batch also indexes, a bounded slice at a time, the pages that differ between the last fully indexed commit and HEAD,
 * and records HEAD as indexed only once all of them are in. The progress lives in the index's own commit data, so it
 * is committed together with the documents it describes:
 * <ul>
 * <li>{@code commit}: every change up to this commit is in the index (pages queued since may still wait in rows);</li>
 * <li>{@code seen}: the HEAD at which the last batch read its pages. If HEAD no longer has it in its history (the
 * branch moved by force), pages may be indexed as a history that is gone, and only a full catch-up is right;</li>
 * <li>{@code catch-up}: {@code from..to:done}, the diff being worked through and how many of its pages are done.</li>
 * </ul>
 */
final class IndexCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(IndexCatchUp.class);
    static final String META_SEEN = "seen";
    static final String META_PROGRESS = "catch-up";

    private IndexCatchUp() {
    }

    /**
     * The pages that differ from {@code from} (empty: from nothing, so every page) to {@code to}, in a fixed order;
     * the first {@code done} of them are indexed.
     */
    record Plan(String from, String to, List<String> pages, int done) {
        boolean full() {
            return from.isEmpty();
        }

        /** The next pages to index, at most {@code limit}. */
        List<String> next(int limit) {
            return pages.subList(done, Math.min(pages.size(), done + Math.max(0, limit)));
        }

        boolean finishedAfter(int indexed) {
            return done + indexed >= pages.size();
        }

        /** The commit data once the first {@code indexed} pages of {@link #next} are in the index. */
        Map<String, String> after(int indexed) {
            if (finishedAfter(indexed)) {
                return Map.of(LucenePageIndex.META_COMMIT, to, META_PROGRESS, "");
            }
            return Map.of(META_PROGRESS, from + ".." + to + ":" + (done + indexed));
        }
    }

    /** What the next batch must catch up on at {@code head}; empty when the index is at HEAD. */
    static Optional<Plan> plan(Repository repo, Map<String, String> meta, String head) {
        String commit = meta.getOrDefault(LucenePageIndex.META_COMMIT, "");
        String seen = meta.getOrDefault(META_SEEN, "");
        String progress = meta.getOrDefault(META_PROGRESS, "");
        boolean seenKept = seen.isEmpty() || GitChanges.inHistory(repo, seen, head);
        if (!progress.isEmpty()) {
            Optional<Plan> going = resume(repo, progress, head, seenKept);
            if (going.isPresent()) {
                return going;
            }
        } else if (commit.equals(head) && seenKept) {
            return Optional.empty();
        } else if (!commit.isEmpty() && seenKept && GitChanges.inHistory(repo, commit, head)) {
            Optional<List<String>> pages = GitChanges.between(repo, commit, head);
            if (pages.isPresent()) {
                return Optional.of(new Plan(commit, head, pages.get(), 0));
            }
        }
        LOG.info("Search index is not in the history of {} (last indexed {}, seen {}): indexing every page", head,
                commit.isEmpty() ? "none" : commit, seen.isEmpty() ? "none" : seen);
        return Optional.of(new Plan("", head, GitChanges.between(repo, "", head).orElseThrow(), 0));
    }

    /** The catch-up under way, if HEAD still has its target in its history and it can be read. */
    private static Optional<Plan> resume(Repository repo, String progress, String head, boolean seenKept) {
        int dots = progress.indexOf("..");
        int colon = progress.lastIndexOf(':');
        if (!seenKept || dots < 0 || colon < dots) {
            return Optional.empty();
        }
        String from = progress.substring(0, dots);
        String to = progress.substring(dots + 2, colon);
        int done;
        try {
            done = Integer.parseInt(progress.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!GitChanges.inHistory(repo, to, head)) {
            return Optional.empty();
        }
        return GitChanges.between(repo, from, to).filter(pages -> done >= 0 && done <= pages.size())
                .map(pages -> new Plan(from, to, pages, done));
    }
}
