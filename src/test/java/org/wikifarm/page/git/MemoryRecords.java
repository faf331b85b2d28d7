package org.wikifarm.page.git;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.wikifarm.page.LastChangeRecords;

/** Last-change records kept in memory across "restarts" of a store, noting how each store call wrote them. */
final class MemoryRecords implements LastChangeRecords {
    /** One call of {@link #store}: {@code full} when everything was replaced, else {@code changed} was applied. */
    record Write(String from, String stamp, Map<String, String> changed, boolean full) {
    }

    private String stamp;
    private final Map<String, String> commits = new HashMap<>();
    final List<Write> writes = new ArrayList<>();
    int loads;
    boolean failing;

    @Override
    public synchronized Stored load() {
        loads++;
        return stamp == null ? null : new Stored(stamp, new HashMap<>(commits));
    }

    @Override
    public synchronized void store(String from, String stamp, Map<String, String> changed,
            Supplier<Map<String, String>> all) {
        if (failing) {
            throw new IllegalStateException("database unavailable");
        }
        boolean full = from == null || !from.equals(this.stamp);
        if (full) {
            commits.clear();
            commits.putAll(all.get());
        } else {
            changed.forEach((page, commit) -> {
                if (commit == null) {
                    commits.remove(page);
                } else {
                    commits.put(page, commit);
                }
            });
        }
        this.stamp = stamp;
        writes.add(new Write(from, stamp, Map.copyOf(nonNull(changed)), full));
    }

    synchronized String stamp() {
        return stamp;
    }

    synchronized Map<String, String> commits() {
        return Map.copyOf(commits);
    }

    /** Pretends the stored answers were made at another commit (a stamp the repository may not know). */
    synchronized void restamp(String commit) {
        stamp = commit;
    }

    private static Map<String, String> nonNull(Map<String, String> changed) {
        Map<String, String> copy = new HashMap<>();
        changed.forEach((page, commit) -> copy.put(page, commit == null ? "-" : commit));
        return copy;
    }
}
