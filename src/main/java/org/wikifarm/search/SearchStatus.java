package org.wikifarm.search;

/**
 * How far a wiki's index is. {@code queued} rows wait; {@code lastIndexedCommit} is the newest commit whose changes
 * are all in the index ({@code headCommit} is the wiki's newest); {@code reindex} is the progress of the last full
 * reindex (null if none was ever started); {@code cachedVectors} how many vectors its embedding cache keeps (a full
 * reindex drops those no indexed chunk uses).
 */
public record SearchStatus(int queued, String lastIndexedCommit, String headCommit, int indexedPages,
                           int indexedChunks, String model, String semantic, boolean indexing, Reindex reindex,
                           long embeddedChunks, int cachedVectors) {
    /** A full reindex: {@code total} rows queued by it, {@code done} of them indexed, {@code queued} left. */
    public record Reindex(long queued, long done, long total) {
    }
}
