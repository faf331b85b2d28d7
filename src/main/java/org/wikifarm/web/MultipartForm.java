package org.wikifarm.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578), parsed by us in one pass over bytes the body limit already bounded:
 * the text fields (UTF-8) and the files, each with the name the browser gave it. At most {@link #MAX_PARTS} parts; a
 * header block at most {@link #MAX_HEADER_BYTES}. Used for the one multipart form, files sent to a page
 * ({@link FormBodyFilter}); the container's own multipart parsing is not used (it does not apply to a forwarded
 * request's target servlet).
 */
final class MultipartForm {
    static final int MAX_PARTS = 64;
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** A file of the form: the name it was sent with and its bytes. */
    record File(String name, byte[] content) {
    }

    private final Map<String, String[]> fields;
    private final List<File> files;

    private MultipartForm(Map<String, String[]> fields, List<File> files) {
        this.fields = fields;
        this.files = files;
    }

    Map<String, String[]> fields() {
        return fields;
    }

    List<File> files() {
        return files;
    }

    /** The boundary of a {@code multipart/form-data} content type, or null if it names none. */
    static String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.strip();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length());
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() || value.length() > 70 ? null : value;
            }
        }
        return null;
    }

    /** Parses the body; {@link IllegalArgumentException} with a message for anything malformed or cut off. */
    static MultipartForm parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] between = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IllegalArgumentException("The upload has no parts (or was cut off).");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<File> files = new ArrayList<>();
        int parts = 0;
        at += delimiter.length;
        while (true) {
            if (at + 2 <= body.length && body[at] == '-' && body[at + 1] == '-') {
                break;
            }
            if (at + 2 > body.length || body[at] != '\r' || body[at + 1] != '\n') {
                throw new IllegalArgumentException("The upload is malformed (or was cut off).");
            }
            if (++parts > MAX_PARTS) {
                throw new IllegalArgumentException("The upload has more than " + MAX_PARTS + " parts.");
            }
            int headersStart = at + 2;
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, headersStart);
            if (headersEnd < 0 || headersEnd - headersStart > MAX_HEADER_BYTES) {
                throw new IllegalArgumentException("The upload is malformed (or was cut off).");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, between, contentStart);
            if (contentEnd < 0) {
                throw new IllegalArgumentException("The upload was cut off before its end; nothing was stored.");
            }
            String name = null;
            String filename = null;
            for (int start = 0; start <= headers.length(); ) {
                int end = headers.indexOf("\r\n", start);
                String line = headers.substring(start, end < 0 ? headers.length() : end);
                if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    name = parameter(line, "name");
                    filename = parameter(line, "filename");
                }
                start = end < 0 ? headers.length() + 1 : end + 2;
            }
            if (name == null) {
                throw new IllegalArgumentException("A part of the upload has no name.");
            }
            byte[] content = Arrays.copyOfRange(body, contentStart, contentEnd);
            if (filename != null) {
                if (!filename.isEmpty()) {
                    files.add(new File(filename, content));
                }
            } else {
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(new String(content, StandardCharsets.UTF_8));
            }
            at = contentEnd + between.length;
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        fields.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
        return new MultipartForm(Collections.unmodifiableMap(result), List.copyOf(files));
    }

    /** A parameter of a {@code Content-Disposition} line, quoted ({@code name="x"}) or not; null if absent. */
    static String parameter(String line, String key) {
        int at = 0;
        String lower = line.toLowerCase(Locale.ROOT);
        while (true) {
            int found = lower.indexOf(key + "=", at);
            if (found < 0) {
                return null;
            }
            char before = found == 0 ? ';' : lower.charAt(found - 1);
            at = found + key.length() + 1;
            if (before != ';' && before != ' ' && before != '\t') {
                continue;
            }
            if (at < line.length() && line.charAt(at) == '"') {
                StringBuilder value = new StringBuilder();
                for (int i = at + 1; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < line.length()) {
                        value.append(line.charAt(++i));
                    } else if (c == '"') {
                        return value.toString();
                    } else {
                        value.append(c);
                    }
                }
                return value.toString();
            }
            int end = line.indexOf(';', at);
            return line.substring(at, end < 0 ? line.length() : end).strip();
        }
    }

    /** The first index of {@code needle} in {@code haystack} from {@code from}, or -1 (Knuth–Morris–Pratt: linear). */
    static int indexOf(byte[] haystack, byte[] needle, int from) {
        int[] failure = new int[needle.length];
        for (int i = 1, k = 0; i < needle.length; i++) {
            while (k > 0 && needle[i] != needle[k]) {
                k = failure[k - 1];
            }
            if (needle[i] == needle[k]) {
                k++;
            }
            failure[i] = k;
        }
        for (int i = from, k = 0; i < haystack.length; i++) {
            while (k > 0 && haystack[i] != needle[k]) {
                k = failure[k - 1];
            }
            if (haystack[i] == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return i - needle.length + 1;
            }
        }
        return -1;
    }
}
