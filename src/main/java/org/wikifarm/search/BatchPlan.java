package org.wikifarm.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wikifarm.page.PagePath;

/**
 * The work of one indexing batch, in order: the pages git says changed (catch-up) first, then the queued rows, one
 * item per page (a row for a page already on the list rides along with it; a catch-up page with a row waiting is
 * passed over, its row indexes it). A batch takes a prefix of it, bounded in
 * work and not only in rows: it stops before the page that would take the Markdown read past {@code searchBatchBytes}
 * (the first page always goes, so a big page is a batch of its own). Rows left out stay queued; the catch-up resumes
 * after the last page taken.
 */
final class BatchPlan {
    /**
     * A page (null for a prune row, or for a catch-up page left to its queued row) and the rows that asked for it;
     * {@code fromGit} if the catch-up asked too.
     */
    record Item(PagePath page, List<IndexQueue.Entry> rows, boolean fromGit) {
    }

    private final List<Item> items;
    private final boolean cutShort;

    private BatchPlan(List<Item> items, boolean cutShort) {
        this.items = items;
        this.cutShort = cutShort;
    }

    static BatchPlan of(List<String> fromGit, List<IndexQueue.Entry> rows) {
        return of(fromGit, Set.of(), rows);
    }

    /**
     * @param leftToRows catch-up pages that have a row waiting in the queue: the batch does not read them (their row
     *                   indexes them, in this batch or a later one, at a HEAD no older), but passes over them, so the
     *                   catch-up counts them done and a page is not indexed twice
     */
    static BatchPlan of(List<String> fromGit, Set<String> leftToRows, List<IndexQueue.Entry> rows) {
        Map<String, Item> byPath = new LinkedHashMap<>();
        List<Item> items = new ArrayList<>();
        for (String path : fromGit) {
            if (leftToRows.contains(path)) {
                items.add(new Item(null, List.of(), true));
                continue;
            }
            Item item = new Item(new PagePath(path), new ArrayList<>(), true);
            byPath.put(path, item);
            items.add(item);
        }
        for (IndexQueue.Entry row : rows) {
            if (row.prune()) {
                items.add(new Item(null, List.of(row), false));
            } else if (!PagePath.isValid(row.path())) {
                // Not a page (never queued by us): done as soon as it is seen.
                items.add(new Item(null, List.of(row), false));
            } else {
                Item item = byPath.get(row.path());
                if (item == null) {
                    item = new Item(new PagePath(row.path()), new ArrayList<>(), false);
                    byPath.put(row.path(), item);
                    items.add(item);
                }
                item.rows().add(row);
            }
        }
        return new BatchPlan(items, false);
    }

    /**
     * The longest prefix whose readable pages stay within {@code batchBytes} ({@code sizes}: bytes per page that
     * exists; a page over {@code maxPageBytes} is not read, so it costs nothing here).
     */
    BatchPlan cut(Map<PagePath, Long> sizes, long maxPageBytes, long batchBytes) {
        long bytes = 0;
        int taken = 0;
        boolean read = false;
        for (Item item : items) {
            long size = item.page() == null ? 0 : sizes.getOrDefault(item.page(), 0L);
            long cost = size > maxPageBytes ? 0 : size;
            if (read && bytes + cost > batchBytes) {
                break;
            }
            bytes += cost;
            taken++;
            read |= item.page() != null;
        }
        return taken == items.size() ? this : new BatchPlan(List.copyOf(items.subList(0, taken)), true);
    }

    List<PagePath> pages() {
        return items.stream().filter(item -> item.page() != null).map(Item::page).toList();
    }

    /** Whether a prune row (the end of a full reindex) is in the batch. */
    boolean prune() {
        return items.stream().anyMatch(item -> item.page() == null && !item.rows().isEmpty()
                && item.rows().get(0).prune());
    }

    List<IndexQueue.Entry> rows() {
        return items.stream().flatMap(item -> item.rows().stream()).toList();
    }

    /** How many catch-up pages the batch takes (they come first, so always the next ones). */
    int fromGit() {
        return (int) items.stream().filter(Item::fromGit).count();
    }

    /** Whether the byte budget left work for the next batch. */
    boolean cutShort() {
        return cutShort;
    }
}
