package org.wikifarm.render;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.wikifarm.markdown.WikiLinkOrder;

/**
 * Rendered pages shared by all wikis, keyed by the content's git blob id, the wiki's link order (the same text links
 * to other pages in a wiki that reads {@code [[Label|Page]]}) and {@link MarkdownRenderer#VERSION}.
 * Sharing is safe because the rendered HTML holds nothing wiki-specific ({@link RenderedPage#bind} adds that per
 * view), and it pays off: wikis created from the same template or copied from each other hold identical pages.
 * Bounded by the total length of the cached HTML; the least recently used entries go first.
 */
public final class RenderCache {
    /** 64 Mi characters of HTML: at most 128 MB of heap, usually half (Latin-1 strings take a byte a character). */
    public static final long DEFAULT_MAX_CHARS = 64L * 1024 * 1024;

    private record Key(ObjectId blob, WikiLinkOrder order, int version) {
    }

    private final MarkdownRenderer renderer;
    private final long maxChars;
    private final LinkedHashMap<Key, Rendered> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long chars;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public RenderCache(MarkdownRenderer renderer) {
        this(renderer, DEFAULT_MAX_CHARS);
    }

    public RenderCache(MarkdownRenderer renderer, long maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must not be negative: " + maxChars);
        }
        this.renderer = renderer;
        this.maxChars = maxChars;
    }

    /**
     * Lets a rendering that is not cached go ahead, or refuses it: how a caller bounds the renderings of one wiki
     * that run at once.
     */
    public interface Gate {
        Rendered render(java.util.function.Supplier<Rendered> rendering);
    }

    /** The rendering of {@code markdown}, from the cache or rendered now (and cached if it fits). */
    public Rendered get(String markdown) {
        return get(markdown, java.util.function.Supplier::get);
    }

    /** As {@link #get(String)}, a rendering that is not cached going through {@code gate}. */
    public Rendered get(String markdown, Gate gate) {
        return get(markdown, WikiLinkOrder.DEFAULT, gate);
    }

    /** As {@link #get(String, Gate)}, for a wiki whose links name their page in {@code order}. */
    public Rendered get(String markdown, WikiLinkOrder order, Gate gate) {
        Key key = new Key(blobId(markdown), java.util.Objects.requireNonNull(order, "order"), MarkdownRenderer.VERSION);
        synchronized (this) {
            Rendered cached = entries.get(key);
            if (cached != null) {
                hits.incrementAndGet();
                return cached;
            }
        }
        misses.incrementAndGet();
        // Rendered outside the lock so one large page does not stall every other view. Two threads missing the same
        // content at once both render it; the result is identical, and the second put replaces the first.
        Rendered rendered = gate.render(() -> renderer.render(markdown, order));
        put(key, rendered);
        return rendered;
    }

    /** The id git gives this content as a blob, i.e. the id of the page file in the wiki's repository. */
    static ObjectId blobId(String markdown) {
        // A Formatter reuses its digest, so it is not shared between threads.
        return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, markdown.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void put(Key key, Rendered rendered) {
        long size = rendered.html().length();
        if (size > maxChars) {
            return;
        }
        Rendered previous = entries.put(key, rendered);
        chars += size - (previous == null ? 0 : previous.html().length());
        Iterator<Map.Entry<Key, Rendered>> eldest = entries.entrySet().iterator();
        while (chars > maxChars) {
            chars -= eldest.next().getValue().html().length();
            eldest.remove();
        }
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    /** How many renderings are cached. */
    public synchronized int size() {
        return entries.size();
    }

    /** The total length of the cached HTML, in characters. */
    public synchronized long chars() {
        return chars;
    }
}
