package org.wikifarm.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.wikifarm.auth.Permission;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.TenantId;

/**
 * Whole page views, shared by everyone who may see them alike, remembered until anything they show can have changed.
 * The {@link Key} holds everything the HTML depends on — the wiki, the page, the wiki's HEAD commit (every page, link
 * and the sidebar), what the reader may do there (edit and manage links), the wiki's display name and base URL, the
 * platform's address from this host, the renderer version — so a hit is exactly what rendering again would give.
 * What belongs to one person (their name, the admin link, the logout form's CSRF token, the login link's way back) is
 * never stored: a {@link View} is the page before and after {@link UserMenu#SLOT}, and the menu is written in between
 * for each request. Nothing here decides who may read: the caller asks after the permission decision.
 * <p>
 * Bounded twice, least recently used first out: by the bytes of all views, and by the bytes of one wiki's views, so
 * one wiki's readers cannot push out more than their share of everyone else's. A wiki keeps views of one HEAD
 * commit: a view of another one (a page was saved) drops the wiki's older views at once.
 */
public final class PageViewCache {
    /** What a view costs beyond its bytes: the key, the maps' entries. */
    static final int ENTRY_OVERHEAD = 512;

    /**
     * Everything a cached page view's HTML depends on, apart from the menu spliced in per request; {@code look} is
     * the version of the wiki's look (its menu and stylesheet, {@code look.Look}); {@code linkOrder} how its wiki
     * links name their page.
     */
    public record Key(TenantId wiki, PagePath page, String head, Set<Permission> granted, String displayName,
                      String base, String home, int rendererVersion, long look, WikiLinkOrder linkOrder) {
        public Key {
            granted = Set.copyOf(granted);
        }

        /** A key of a wiki that reads {@code [[Page|Label]]}. */
        public Key(TenantId wiki, PagePath page, String head, Set<Permission> granted, String displayName,
                   String base, String home, int rendererVersion, long look) {
            this(wiki, page, head, granted, displayName, base, home, rendererVersion, look, WikiLinkOrder.DEFAULT);
        }

        /** A key of a wiki with the default look. */
        public Key(TenantId wiki, PagePath page, String head, Set<Permission> granted, String displayName,
                   String base, String home, int rendererVersion) {
            this(wiki, page, head, granted, displayName, base, home, rendererVersion, 0);
        }
    }

    /** A page view without its user menu: UTF-8 bytes before and after the slot. */
    public static final class View {
        private final byte[] before;
        private final byte[] after;

        private View(byte[] before, byte[] after) {
            this.before = before;
            this.after = after;
        }

        /** The page split at its one {@link UserMenu#SLOT}, or null if it has no slot or more than one. */
        static View of(String html) {
            int slot = html.indexOf(UserMenu.SLOT);
            if (slot < 0 || html.indexOf(UserMenu.SLOT, slot + 1) >= 0) {
                return null;
            }
            return new View(html.substring(0, slot).getBytes(StandardCharsets.UTF_8),
                    html.substring(slot + UserMenu.SLOT.length()).getBytes(StandardCharsets.UTF_8));
        }

        long bytes() {
            return (long) before.length + after.length;
        }

        /** Sends the page with {@code menu} in its slot, as one 200 with a Content-Length. */
        void send(HttpServletResponse response, SafeHtml menu) throws IOException {
            byte[] middle = menu.html().getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/html;charset=UTF-8");
            Views.sendInOneWrite(response);
            response.setContentLength(before.length + middle.length + after.length);
            ServletOutputStream out = response.getOutputStream();
            out.write(before);
            out.write(middle);
            out.write(after);
        }

        /** The page as one person would get it, for tests. */
        String html(SafeHtml menu) {
            return new String(before, StandardCharsets.UTF_8) + menu.html() + new String(after, StandardCharsets.UTF_8);
        }
    }

    /** One wiki's views, its own least recently used first. */
    private static final class Share {
        final LinkedHashMap<Key, View> views = new LinkedHashMap<>(16, 0.75f, true);
        String head;
        long bytes;
    }

    private final long maxBytes;
    private final long maxBytesPerWiki;
    private final LinkedHashMap<Key, View> all = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<TenantId, Share> shares = new HashMap<>();
    private long bytes;

    /**
     * @param maxBytes        the most all views may take ({@code pageCacheBytes})
     * @param maxBytesPerWiki the most one wiki's views may take ({@code pageCacheBytesPerWiki}); a view larger than a
     *                        quarter of it is not kept, so one large page cannot push out the rest of its wiki
     */
    public PageViewCache(long maxBytes, long maxBytesPerWiki) {
        if (maxBytes < 0 || maxBytesPerWiki < 0) {
            throw new IllegalArgumentException("A cache bound must not be negative.");
        }
        this.maxBytes = maxBytes;
        this.maxBytesPerWiki = Math.min(maxBytes, maxBytesPerWiki);
    }

    public synchronized View get(Key key) {
        View view = all.get(key);
        if (view != null) {
            shares.get(key.wiki()).views.get(key);
        }
        return view;
    }

    public synchronized void put(Key key, View view) {
        long size = view.bytes() + ENTRY_OVERHEAD;
        if (size > maxBytesPerWiki / 4) {
            return;
        }
        Share share = shares.computeIfAbsent(key.wiki(), wiki -> new Share());
        if (share.head != null && !share.head.equals(key.head())) {
            // The wiki moved on: views of its older commit will not be asked for again.
            while (!share.views.isEmpty()) {
                evictEldest(key.wiki(), share);
            }
        }
        share.head = key.head();
        View old = share.views.put(key, view);
        all.put(key, view);
        long change = size - (old == null ? 0 : old.bytes() + ENTRY_OVERHEAD);
        share.bytes += change;
        bytes += change;
        while (share.bytes > maxBytesPerWiki) {
            evictEldest(key.wiki(), share);
        }
        Iterator<Key> eldest = all.keySet().iterator();
        while (bytes > maxBytes) {
            Key gone = eldest.next();
            eldest.remove();
            Share owner = shares.get(gone.wiki());
            View removed = owner.views.remove(gone);
            owner.bytes -= removed.bytes() + ENTRY_OVERHEAD;
            bytes -= removed.bytes() + ENTRY_OVERHEAD;
            if (owner.views.isEmpty()) {
                shares.remove(gone.wiki());
            }
        }
        if (share.views.isEmpty()) {
            shares.remove(key.wiki(), share);
        }
    }

    private void evictEldest(TenantId wiki, Share share) {
        Iterator<Map.Entry<Key, View>> eldest = share.views.entrySet().iterator();
        Map.Entry<Key, View> gone = eldest.next();
        eldest.remove();
        all.remove(gone.getKey());
        share.bytes -= gone.getValue().bytes() + ENTRY_OVERHEAD;
        bytes -= gone.getValue().bytes() + ENTRY_OVERHEAD;
    }

    public synchronized int size() {
        return all.size();
    }

    /** What all views take, their overhead included. */
    public synchronized long bytes() {
        return bytes;
    }

    /** What one wiki's views take, their overhead included. */
    public synchronized long bytesOf(TenantId wiki) {
        Share share = shares.get(wiki);
        return share == null ? 0 : share.bytes;
    }

    /** A response that keeps what a view writes, so it can be both sent and remembered. */
    static final class Capture extends HttpServletResponseWrapper {
        private final CharArrayWriter text = new CharArrayWriter(16 * 1024);
        private final PrintWriter writer = new PrintWriter(text);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Capture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() {
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("A captured view is written synchronously.");
                }
            };
        }

        @Override
        public void flushBuffer() {
            writer.flush();
        }

        @Override
        public void resetBuffer() {
            writer.flush();
            text.reset();
            bytes.reset();
        }

        String html() {
            writer.flush();
            return text.toString() + bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
