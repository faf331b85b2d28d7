package org.wikifarm.mcp;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends sessions in the SDK's own table. The SDK offers one way to end a session from outside, the protocol's: a
 * {@code DELETE} naming it, which closes the session and drops it from the table. So {@link SessionBinding}'s
 * evictions and expiries are sent to the SDK's servlet as such a request, made from the request being served (same
 * wiki, token and headers), with an answer that goes nowhere.
 */
final class SdkSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SdkSessions.class);

    private final HttpServlet transport;

    SdkSessions(HttpServlet transport) {
        this.transport = transport;
    }

    void end(List<String> sessionIds, HttpServletRequest during, HttpServletResponse response) {
        for (String id : sessionIds) {
            try {
                transport.service(new DeleteRequest(during, id), new Discarded(response));
            } catch (IOException | ServletException | RuntimeException e) {
                LOG.warn("Could not end MCP session {}: {}", id, e.toString());
            }
        }
    }

    /** The request being served, as a DELETE of another session. */
    private static final class DeleteRequest extends HttpServletRequestWrapper {
        private final String sessionId;

        DeleteRequest(HttpServletRequest request, String sessionId) {
            super(request);
            this.sessionId = sessionId;
        }

        @Override
        public String getMethod() {
            return "DELETE";
        }

        @Override
        public String getHeader(String name) {
            return JsonRpcErrors.SESSION_HEADER.equalsIgnoreCase(name) ? sessionId : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return JsonRpcErrors.SESSION_HEADER.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(sessionId)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            if (names.stream().noneMatch(JsonRpcErrors.SESSION_HEADER::equalsIgnoreCase)) {
                names.add(JsonRpcErrors.SESSION_HEADER);
            }
            return Collections.enumeration(names);
        }
    }

    /** An answer nobody receives: the real response belongs to the request being served. */
    private static final class Discarded extends HttpServletResponseWrapper {
        Discarded(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
        }

        @Override
        public void sendError(int sc) {
        }

        @Override
        public void sendError(int sc, String msg) {
        }

        @Override
        public void sendRedirect(String location) {
        }

        @Override
        public void setHeader(String name, String value) {
        }

        @Override
        public void addHeader(String name, String value) {
        }

        @Override
        public void setIntHeader(String name, int value) {
        }

        @Override
        public void addIntHeader(String name, int value) {
        }

        @Override
        public void setDateHeader(String name, long date) {
        }

        @Override
        public void addDateHeader(String name, long date) {
        }

        @Override
        public void addCookie(Cookie cookie) {
        }

        @Override
        public void setContentType(String type) {
        }

        @Override
        public void setCharacterEncoding(String charset) {
        }

        @Override
        public void setContentLength(int len) {
        }

        @Override
        public void setContentLengthLong(long len) {
        }

        @Override
        public void setLocale(Locale loc) {
        }

        @Override
        public void setBufferSize(int size) {
        }

        @Override
        public void flushBuffer() {
        }

        @Override
        public void reset() {
        }

        @Override
        public void resetBuffer() {
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(Writer.nullWriter());
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                }
            };
        }
    }
}
