package org.wikifarm.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.TenantId;

/**
 * Each wiki's durable reindex queue: rows of {@code index_queue} in its own {@code wiki.db}, so a change survives a
 * restart or a {@code kill -9}. Rows are removed only after the index has committed what they asked for (at least
 * once; indexing a path twice is harmless). A marker file {@code index-queued} beside {@code wiki.db} lets the
 * workers find wikis with work after a restart without opening every wiki; it is made before rows are added and
 * removed only once the queue is seen empty.
 */
public final class IndexQueue {
    static final String MARKER = "index-queued";
    private static final String REINDEX_KEY = "search.reindex";

    /** What was asked; the worker always brings a path in line with HEAD, so the op is for people reading rows. */
    public enum Op {
        SAVE, DELETE, RENAME, REINDEX, CATCH_UP, PRUNE, RETRY;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One queued row; {@code path} is empty for {@link Op#PRUNE}. */
    public record Entry(long id, String path, String op) {
        boolean prune() {
            return Op.PRUNE.value().equals(op);
        }
    }

    /** A request to add: a path and why. */
    public record Request(String path, Op op) {
    }

    /** A full reindex's progress: rows {@code first..last} were queued by it; {@code done} of them are gone. */
    public record Reindex(long total, long done) {
    }

    /** What became of a request for a full reindex. */
    public enum ReindexResult {
        /** Every page is queued. */
        QUEUED,
        /** A reindex queued earlier still has rows waiting: nothing was added, that one goes on. */
        ALREADY_QUEUED,
        /** Its rows would take the queue past {@code searchMaxQueuedRows}: nothing was added. */
        NO_ROOM
    }

    /** How long a progress read is reused at most: what other processes write (a restore, the CLI) shows by then. */
    static final Duration PROGRESS_MAX_AGE = Duration.ofSeconds(1);
    private final WikiSql sql;
    private final Path wikisDir;
    private final int maxRows;
    private final long progressMaxAgeNanos;
    /**
     * The last progress read per wiki (~0.2–4 KB each, with up to 50 failed pages), for as many wikis as may be open
     * ({@code openWikiCap}); least recently used out first. Guarded by itself.
     */
    private final Map<TenantId, Kept> progressKept;

    private record Kept(long writes, long readAt, int failuresShown, Progress progress) {
    }

    /** @param progressKept how many wikis' progress is kept ({@code openWikiCap}: as many as may be open) */
    public IndexQueue(WikiSessions sessions, Path wikisDir, int maxRows, int progressKept) {
        this(sessions, wikisDir, maxRows, progressKept, PROGRESS_MAX_AGE);
    }

    IndexQueue(WikiSessions sessions, Path wikisDir, int maxRows, int progressKept, Duration progressMaxAge) {
        this.sql = new WikiSql(sessions);
        this.wikisDir = wikisDir;
        this.maxRows = maxRows;
        this.progressMaxAgeNanos = progressMaxAge.toNanos();
        this.progressKept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TenantId, Kept> eldest) {
                return size() > progressKept;
            }
        };
    }

    /**
     * Adds rows while the queue has room; false when some did not fit. Nothing waits on this (a page save calls it),
     * so a full queue is not an error: the indexer catches up on those pages from git instead.
     */
    public boolean add(TenantId wiki, Collection<Request> requests) {
        if (requests.isEmpty()) {
            return true;
        }
        mark(wiki);
        return sql.inTransaction(wiki, connection -> {
            int room = maxRows - count(connection, "SELECT count(*) FROM index_queue");
            List<Request> fitting = requests.stream().limit(Math.max(0, room)).toList();
            insert(connection, fitting);
            return fitting.size() == requests.size();
        });
    }

    /**
     * Queues a full reindex: every page, then a prune of pages that are gone. Its progress is kept in the wiki's
     * {@code cache} table, so it survives a restart too. With {@code coalesce}, a reindex whose rows are still
     * waiting is answered instead of adding another full set.
     */
    public ReindexResult addReindex(TenantId wiki, List<String> paths, boolean coalesce) {
        mark(wiki);
        List<Request> requests = new ArrayList<>();
        paths.forEach(path -> requests.add(new Request(path, Op.REINDEX)));
        requests.add(new Request("", Op.PRUNE));
        return sql.inTransaction(wiki, connection -> {
            if (coalesce && reindex(connection).filter(r -> r.done() < r.total()).isPresent()) {
                return ReindexResult.ALREADY_QUEUED;
            }
            if (count(connection, "SELECT count(*) FROM index_queue") + (long) requests.size() > maxRows) {
                return ReindexResult.NO_ROOM;
            }
            long[] ids = insert(connection, requests);
            try (PreparedStatement put = connection.prepareStatement(
                    "INSERT OR REPLACE INTO cache (key, value, datetime) VALUES (?, ?, ?)")) {
                put.setString(1, REINDEX_KEY);
                put.setString(2, ids[0] + ":" + ids[1]);
                put.setString(3, Instant.now().toString());
                put.executeUpdate();
            }
            return ReindexResult.QUEUED;
        });
    }

    /**
     * Queues these pages again unless a row for them already waits; returns how many were added. Refused as a
     * whole when they do not fit under {@code searchMaxQueuedRows}.
     */
    public int requeue(TenantId wiki, List<String> paths) {
        mark(wiki);
        return sql.inTransaction(wiki, connection -> {
            List<Request> requests = new ArrayList<>();
            try (PreparedStatement waiting = connection.prepareStatement(
                    "SELECT 1 FROM index_queue WHERE page_path = ? LIMIT 1")) {
                for (String path : paths) {
                    waiting.setString(1, path);
                    try (ResultSet row = waiting.executeQuery()) {
                        if (!row.next()) {
                            requests.add(new Request(path, Op.RETRY));
                        }
                    }
                }
            }
            int queued = count(connection, "SELECT count(*) FROM index_queue");
            if (queued + (long) requests.size() > maxRows) {
                throw full(queued, requests.size());
            }
            insert(connection, requests);
            return requests.size();
        });
    }

    /** The 429 for a request whose rows would take the queue past its limit. */
    WikifarmException full(int queued, int adding) {
        return new WikifarmException.TooManyRequests("search_queue_full", "This wiki has " + queued
                + " changes waiting to be indexed; " + adding + " more would pass the limit of " + maxRows
                + ". Try again when fewer are waiting.");
    }

    int maxRows() {
        return maxRows;
    }

    private static long[] insert(Connection connection, Collection<Request> requests) throws SQLException {
        String now = Instant.now().toString();
        long first = -1;
        long last = -1;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO index_queue (page_path, op, enqueued_at) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (Request request : requests) {
                insert.setString(1, request.path());
                insert.setString(2, request.op().value());
                insert.setString(3, now);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    last = keys.getLong(1);
                    first = first < 0 ? last : first;
                }
            }
        }
        return new long[] {first, last};
    }

    /** The oldest {@code limit} rows. */
    public List<Entry> oldest(TenantId wiki, int limit) {
        return sql.inTransaction(wiki, connection -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, page_path, op FROM index_queue ORDER BY id LIMIT ?")) {
                select.setInt(1, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3)));
                    }
                }
            }
            return entries;
        });
    }

    /** Which of these paths have a row waiting (at most 500 paths per query). */
    public Set<String> waiting(TenantId wiki, List<String> paths) {
        if (paths.isEmpty()) {
            return Set.of();
        }
        return sql.inTransaction(wiki, connection -> {
            Set<String> found = new HashSet<>();
            for (int from = 0; from < paths.size(); from += 500) {
                List<String> part = paths.subList(from, Math.min(paths.size(), from + 500));
                String marks = String.join(",", Collections.nCopies(part.size(), "?"));
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT DISTINCT page_path FROM index_queue WHERE page_path IN (" + marks + ")")) {
                    for (int i = 0; i < part.size(); i++) {
                        select.setString(i + 1, part.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            found.add(rows.getString(1));
                        }
                    }
                }
            }
            return found;
        });
    }

    /** Removes done rows, in the same transaction as {@code alsoDo} (the embedding cache's new rows). */
    public void remove(TenantId wiki, List<Entry> done, WikiSql.Work<?> alsoDo) {
        sql.inTransaction(wiki, connection -> {
            if (alsoDo != null) {
                alsoDo.run(connection);
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM index_queue WHERE id = ?")) {
                for (Entry entry : done) {
                    delete.setLong(1, entry.id());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }

    public int length(TenantId wiki) {
        return sql.inTransaction(wiki, connection -> count(connection, "SELECT count(*) FROM index_queue"));
    }

    /**
     * What a status shows of the wiki's database, read in one transaction: the rows waiting, the last full reindex's
     * progress (if one was ever started) and the failed pages (the most recent {@code failuresShown} of them).
     */
    record Progress(int queued, Optional<Reindex> reindex, IndexFailures.Summary failed) {
    }

    /**
     * The progress as last read, while no transaction of this server's search tables has ended since and it is under
     * {@link #PROGRESS_MAX_AGE} old; else read now. The search screen shows it under every search, and reading it
     * is a transaction on the wiki's database (~4.5 % of a hybrid screen's CPU under load, docs/search.md).
     */
    Progress progress(TenantId wiki, int failuresShown) {
        long writes = WikiSql.writes();
        long now = System.nanoTime();
        synchronized (progressKept) {
            Kept kept = progressKept.get(wiki);
            if (kept != null && kept.writes() == writes && kept.failuresShown() == failuresShown
                    && now - kept.readAt() < progressMaxAgeNanos) {
                return kept.progress();
            }
        }
        Progress read = sql.read(wiki, connection -> new Progress(count(connection, "SELECT count(*) FROM index_queue"),
                reindex(connection), IndexFailures.summary(connection, failuresShown)));
        synchronized (progressKept) {
            progressKept.put(wiki, new Kept(writes, now, failuresShown, read));
        }
        return read;
    }

    private static Optional<Reindex> reindex(Connection connection) throws SQLException {
        String range;
        try (PreparedStatement get = connection.prepareStatement("SELECT value FROM cache WHERE key = ?")) {
            get.setString(1, REINDEX_KEY);
            try (ResultSet row = get.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                range = row.getString(1);
            }
        }
        String[] ids = range.split(":");
        long first = Long.parseLong(ids[0]);
        long last = Long.parseLong(ids[1]);
        int left;
        try (PreparedStatement pending = connection.prepareStatement(
                "SELECT count(*) FROM index_queue WHERE id BETWEEN ? AND ?")) {
            pending.setLong(1, first);
            pending.setLong(2, last);
            try (ResultSet row = pending.executeQuery()) {
                row.next();
                left = row.getInt(1);
            }
        }
        long total = last - first + 1;
        return Optional.of(new Reindex(total, total - left));
    }

    private static int count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Wikis that had queued work when the server last ran (found by their marker files). */
    public List<TenantId> marked() {
        List<TenantId> wikis = new ArrayList<>();
        if (!Files.isDirectory(wikisDir)) {
            return wikis;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(wikisDir)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.startsWith(".") && Files.exists(dir.resolve(MARKER))) {
                    try {
                        wikis.add(new TenantId(name));
                    } catch (RuntimeException notAWiki) {
                        // Not a wiki folder.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + wikisDir, e);
        }
        return wikis;
    }

    /** Removes the marker when the queue is empty; checks again after, so a concurrent add is never lost. */
    public boolean unmarkIfEmpty(TenantId wiki) {
        if (length(wiki) > 0) {
            return false;
        }
        try {
            Files.deleteIfExists(marker(wiki));
        } catch (IOException e) {
            return false;
        }
        if (length(wiki) > 0) {
            mark(wiki);
            return false;
        }
        return true;
    }

    private void mark(TenantId wiki) {
        Path marker = marker(wiki);
        if (!Files.exists(marker)) {
            try {
                Files.createFile(marker);
            } catch (java.nio.file.FileAlreadyExistsException ignored) {
                // Another thread marked it.
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot mark " + wiki + " as having queued work", e);
            }
        }
    }

    private Path marker(TenantId wiki) {
        return wikisDir.resolve(wiki.value()).resolve(MARKER);
    }
}
