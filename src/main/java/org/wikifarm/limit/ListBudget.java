package org.wikifarm.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * How much of a list one answer may carry: at most {@code maxItems} items and {@code maxBytes} of their JSON
 * ({@link JsonSize}). Items are taken in order until the next one would not fit; the first always fits, which is safe
 * because every list bounds its items on their own (a commit message is shown up to a number of characters, a page
 * path has at most 1,000 bytes). {@link #truncated()} then tells the caller to say that the list was cut.
 */
public final class ListBudget {
    /** What one item adds besides its fields: braces and a comma. */
    public static final int ITEM = 4;

    private final long maxBytes;
    private final int maxItems;
    private long used;
    private int items;
    private boolean truncated;

    public ListBudget(long maxBytes, int maxItems) {
        this.maxBytes = maxBytes;
        this.maxItems = maxItems;
    }

    /** Takes an item of {@code bytes} if it fits, and says whether it did; once one did not, none does. */
    public boolean take(long bytes) {
        if (truncated) {
            return false;
        }
        if (items > 0 && (items >= maxItems || used + bytes > maxBytes)) {
            truncated = true;
            return false;
        }
        items++;
        used += bytes;
        return true;
    }

    /** Marks the list as cut for a reason of the caller's (more items exist than it asked for). */
    public void cut() {
        truncated = true;
    }

    public boolean truncated() {
        return truncated;
    }

    public long used() {
        return used;
    }

    /** The items that fit, in order. */
    public record Fitted<T>(List<T> items, boolean truncated) {
        public Fitted {
            items = List.copyOf(items);
        }
    }

    /** The longest head of {@code items} that fits in {@code maxBytes} and {@code maxItems}. */
    public static <T> Fitted<T> fit(List<T> items, long maxBytes, int maxItems, ToLongFunction<T> size) {
        ListBudget budget = new ListBudget(maxBytes, maxItems);
        List<T> kept = new ArrayList<>();
        for (T item : items) {
            if (!budget.take(size.applyAsLong(item) + ITEM)) {
                break;
            }
            kept.add(item);
        }
        return new Fitted<>(kept, budget.truncated());
    }
}
