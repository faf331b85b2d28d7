package org.wikifarm.page;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Who last changed each line of a page as of one revision, as runs of consecutive lines from the same commit.
 * {@code complete} is false when the blame stopped at its bound (time or commits walked): the lines it did not reach
 * are in runs whose {@code revision} is null.
 */
public record Blame(PagePath path, String revision, List<Run> runs, int lineCount, boolean complete) {
    /** The longest commit message a run shows: its first line, cut to this many characters. */
    public static final int MESSAGE_CHARS = 120;
    /** How long one blame may take before it stops with the lines it has not reached unattributed. */
    public static final Duration BUDGET = Duration.ofSeconds(5);
    /** How many diffs (commits that changed the page, one per parent) one blame makes at most. */
    public static final int MAX_COMMITS = 1_000;
    /** How many blames of one wiki run at once; more are refused (429) rather than queued. */
    public static final int PER_WIKI = 2;

    public Blame {
        runs = List.copyOf(runs);
    }

    /**
     * Lines {@code startLine} (1-based) onwards, last changed by {@code revision}; {@code previous} is that commit's
     * first parent (null for the first commit), so a link can show its diff; {@code path} is the page's name in that
     * commit when it differed (a rename followed), else null. A run the blame did not reach has only its lines.
     */
    public record Run(String revision, String previous, String author, Instant date, String message, int startLine,
                      List<String> lines, PagePath path) {
        public Run {
            lines = List.copyOf(lines);
        }

        public boolean attributed() {
            return revision != null;
        }

        /** The line number of each line, for the screen. */
        public int endLine() {
            return startLine + lines.size() - 1;
        }
    }
}
