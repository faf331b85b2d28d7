package org.wikifarm.http;

import org.wikifarm.config.Settings;
import org.wikifarm.error.BodyTooLargeException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses request bodies over the configured size with 413: at once when Content-Length says so, and while reading
 * when the body is chunked, so no handler ever buffers more than the limit. A web form has its own limit
 * ({@link Settings#maxFormBytes}): percent-encoding makes text up to three times longer, and every page the wiki
 * accepts must be savable from its editor.
 */
public final class BodyLimitFilter extends HttpFilter {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String GIT_PUSH = "application/x-git-receive-pack-request";
    private static final String NODE_CALLS = "/-node/";

    private final long maxBytes;
    private final long maxFormBytes;
    private static final String MULTIPART = "multipart/form-data";

    private final long maxPushBytes;
    private final long maxFileBytes;
    private final long maxUploadBytes;

    /** @param maxPushBytes the limit of a git push's body (its pack), which has a setting of its own */
    public BodyLimitFilter(long maxBytes, long maxFormBytes, long maxPushBytes) {
        this(maxBytes, maxFormBytes, maxPushBytes, maxBytes, maxBytes);
    }

    /**
     * @param maxFileBytes the limit of one file's raw bytes ({@code PUT …/attachments/{name}}): the per-file limit
     * @param maxUploadBytes the limit of a multipart upload of several files (the web UI's form)
     */
    public BodyLimitFilter(long maxBytes, long maxFormBytes, long maxPushBytes, long maxFileBytes,
                           long maxUploadBytes) {
        this.maxBytes = maxBytes;
        this.maxFormBytes = maxFormBytes;
        this.maxPushBytes = maxPushBytes;
        this.maxFileBytes = Math.max(maxBytes, maxFileBytes);
        this.maxUploadBytes = Math.max(maxBytes, maxUploadBytes + 64 * 1024);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getRequestURI().startsWith(request.getContextPath() + NODE_CALLS)) {
            // Calls between nodes carry whole wikis; NodeServlet refuses any without the shared secret before reading
            // a byte, and bounds what it reads itself.
            chain.doFilter(request, response);
            return;
        }
        String type = request.getContentType();
        String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        long maxBytes = lower.startsWith(FORM) ? maxFormBytes : lower.equals(GIT_PUSH) ? maxPushBytes
                : lower.startsWith(MULTIPART) ? maxUploadBytes : isFilePut(request) ? maxFileBytes : this.maxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            request.setAttribute("org.apache.catalina.connector.Request.SWALLOW_INPUT", Boolean.FALSE);
            response.sendError(413, BodyTooLargeException.message(maxBytes));
            return;
        }
        chain.doFilter(new LimitedRequest(request, maxBytes), response);
    }

    /** A file's raw bytes: {@code PUT …/attachments/<name>} (the REST API's one-file upload). */
    private static boolean isFilePut(HttpServletRequest request) {
        if (!"PUT".equals(request.getMethod())) {
            return false;
        }
        String uri = request.getRequestURI();
        int slash = uri.lastIndexOf('/');
        int before = slash > 0 ? uri.lastIndexOf('/', slash - 1) : -1;
        return before >= 0 && uri.substring(before, slash).equals("/attachments");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        LimitedStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
