package org.wikifarm.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whole page views as anonymous readers get them, remembered until anything they show can have changed. The key holds
 * everything the HTML depends on — the wiki, the page, the wiki's HEAD commit (every page, link and the sidebar), its
 * display name and base URL, what an anonymous reader may do there, the renderer version — so a hit is exactly what
 * rendering again would give. Signed-in people are never served from here (their pages carry their name and a
 * CSRF token). Bounded by total characters, least recently used first out.
 */
public final class AnonymousPageCache {
    private final long maxChars;
    private final LinkedHashMap<String, String> pages = new LinkedHashMap<>(256, 0.75f, true);
    private long chars;

    public AnonymousPageCache(long maxChars) {
        this.maxChars = maxChars;
    }

    public synchronized String get(String key) {
        return pages.get(key);
    }

    public synchronized void put(String key, String html) {
        if (html.length() > maxChars / 4) {
            return;
        }
        String old = pages.put(key, html);
        chars += html.length() - (old == null ? 0 : old.length());
        Iterator<Map.Entry<String, String>> eldest = pages.entrySet().iterator();
        while (chars > maxChars && eldest.hasNext()) {
            chars -= eldest.next().getValue().length();
            eldest.remove();
        }
    }

    public synchronized int size() {
        return pages.size();
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
