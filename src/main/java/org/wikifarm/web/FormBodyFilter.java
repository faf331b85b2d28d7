package org.wikifarm.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wikifarm.error.BodyTooLargeException;

/**
 * The web UI's forms read their fields from the request body only. A POST's parameters would otherwise also come
 * from the query string, and a link that gets a signed-in person to submit a real form (with their CSRF token) to a
 * URL of the attacker's choosing could then choose the fields too. Here the body is parsed by us — strictly as UTF-8,
 * in one linear pass, up to the body limit ({@code http.BodyLimitFilter}) and {@value #MAX_FIELDS} fields — and the
 * request's parameters are exactly the body's fields. The container's own form parsing (and its separate 2 MB form
 * limit, which silently dropped every field of a large page, CSRF token included) is never used for a POST.
 */
public final class FormBodyFilter extends HttpFilter {
    static final int MAX_FIELDS = 1000;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";
    /** Where the one multipart form goes, as the path inside the wiki UI servlet. */
    static final String UPLOAD_PATH = "/-/attachments/";
    /** The request attribute with the files of the multipart form ({@code List<MultipartForm.File>}). */
    static final String FILES = FormBodyFilter.class.getName() + ".files";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(request.getMethod()) || request instanceof BodyFields) {
            chain.doFilter(request, response);
            return;
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(MULTIPART) && isUpload(request)) {
            upload(request, response, chain);
            return;
        }
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            response.sendError(415, "Forms are sent as " + FORM + ".");
            return;
        }
        Map<String, String[]> fields;
        try {
            fields = parse(readAll(request.getInputStream()));
        } catch (BodyTooLargeException e) {
            response.sendError(413, e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            response.sendError(400, e.getMessage());
            return;
        }
        chain.doFilter(new BodyFields(request, fields), response);
    }

    /**
     * The one multipart form: files sent to a page's attachments screen ({@code -/attachments/<page>}), parsed here
     * ({@link MultipartForm}) within the body limit ({@code maxUploadBytes}); the request's parameters are exactly
     * the form's text fields, and its files are the request attribute {@link #FILES}.
     */
    private static void upload(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String boundary = MultipartForm.boundary(request.getContentType());
        if (boundary == null) {
            response.sendError(400, "The upload names no multipart boundary.");
            return;
        }
        MultipartForm form;
        try {
            form = MultipartForm.parse(readAll(request.getInputStream()), boundary);
        } catch (BodyTooLargeException tooLarge) {
            response.sendError(413, tooLarge.getMessage() + " Nothing was stored.");
            return;
        } catch (IllegalArgumentException broken) {
            response.sendError(400, broken.getMessage());
            return;
        }
        request.setAttribute(FILES, form.files());
        chain.doFilter(new BodyFields(request, form.fields()), response);
    }

    private static boolean isUpload(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path != null && path.startsWith(UPLOAD_PATH);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        in.transferTo(body);
        return body.toByteArray();
    }

    /** {@code a=1&b=x+y&b=%C3%A9}: fields in order, values percent-decoded as strict UTF-8. */
    static Map<String, String[]> parse(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int count = 0;
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                if (++count > MAX_FIELDS) {
                    throw new IllegalArgumentException("The form has more than " + MAX_FIELDS + " fields.");
                }
                int equals = indexOf(body, (byte) '=', start, end);
                boolean hasValue = equals < end;
                String name = decode(body, start, hasValue ? equals : end);
                String value = hasValue ? decode(body, equals + 1, end) : "";
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            start = end + 1;
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        fields.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(result);
    }

    /** The first {@code wanted} in {@code [from, to)}, else {@code to}: each byte of the body is looked at once. */
    private static int indexOf(byte[] body, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    private static String decode(byte[] body, int from, int to) {
        ByteBuffer bytes = ByteBuffer.allocate(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.put((byte) ' ');
            } else if (b == '%') {
                if (i + 2 >= to || hex(body[i + 1]) < 0 || hex(body[i + 2]) < 0) {
                    throw new IllegalArgumentException("The form is not validly encoded (a '%' without two hex digits).");
                }
                bytes.put((byte) (hex(body[i + 1]) << 4 | hex(body[i + 2])));
                i += 2;
            } else {
                bytes.put(b);
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The form is not valid UTF-8.");
        }
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /** The request with the body's fields as its only parameters. */
    static final class BodyFields extends HttpServletRequestWrapper {
        private final Map<String, String[]> fields;

        BodyFields(HttpServletRequest request, Map<String, String[]> fields) {
            super(request);
            this.fields = fields;
        }

        @Override
        public String getParameter(String name) {
            String[] values = fields.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = fields.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return fields;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(fields.keySet());
        }
    }
}
