package org.wikifarm.search;

import java.time.Instant;
import java.util.List;

/**
 * How far a wiki's index is. {@code queued} rows wait; {@code lastIndexedCommit} is the newest commit whose changes
 * are all in the index ({@code headCommit} is the wiki's newest); {@code reindex} is the progress of the last full
 * reindex (null if none was ever started); {@code cachedVectors} how many vectors its embedding cache keeps (those
 * no indexed chunk uses only up to {@code searchCacheSpareVectors}; −1 where not counted,
 * {@link SearchService#briefStatus}).
 * {@code failedPages} pages could not be indexed; {@code failures} lists the most recent of them (at most
 * {@value SearchService#FAILURES_SHOWN}).
 */
public record SearchStatus(int queued, String lastIndexedCommit, String headCommit, int indexedPages,
                           int indexedChunks, String model, String semantic, boolean indexing, Reindex reindex,
                           long embeddedChunks, int cachedVectors, int failedPages, List<FailedPage> failures) {
    /** A full reindex: {@code total} rows queued by it, {@code done} of them indexed, {@code queued} left. */
    public record Reindex(long queued, long done, long total) {
    }

    /**
     * A page set aside by the indexer: {@code reason} is a code ({@code too_large}, {@code too_slow},
     * {@code unreadable}, {@code embedding_failed}), {@code message} says it for people; {@code attempts} counts
     * failures in a row.
     */
    public record FailedPage(String path, String reason, String message, Instant failedAt, int attempts) {
    }
}
