package org.wikifarm.page;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One attachment's content: its name, git blob id, the bytes, and the content type detected from those bytes
 * ({@link ContentTypes}), never from the name. {@code content} is null when the caller already had this version
 * (its id matched an {@code If-None-Match}): a 304.
 */
public record AttachmentFile(AttachmentName name, String id, byte[] content, ContentTypes.Detected type) {
    /** Browsers may keep a file this long before asking again (with its ETag, a cheap 304). */
    public static final String CACHE_CONTROL = "private, max-age=60, must-revalidate";
    /** Every file is served under this CSP: nothing in it runs, loads or frames anything, even opened directly. */
    public static final String CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

    public boolean notModified() {
        return content == null;
    }

    /** The ETag of a version: its blob id, quoted. */
    public static String etag(String id) {
        return "\"" + id + "\"";
    }

    /** The id an {@code If-None-Match} header names (one quoted or weak ETag), or null. */
    public static String knownId(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return null;
        }
        String tag = ifNoneMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() == 42 && tag.startsWith("\"") && tag.endsWith("\"")) {
            String id = tag.substring(1, 41);
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                    return null;
                }
            }
            return id;
        }
        return null;
    }

    /**
     * The headers every door serves a file with: the detected type, {@code nosniff}, a sandboxing CSP, the ETag and
     * caching, and for anything that is not inline-safe (HTML, SVG, XML, PDF, unknown) {@code attachment}, so it is
     * downloaded, never shown as a page of this site. {@code Content-Type} and {@code Content-Length} included.
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", type.mime());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", CSP);
        headers.put("ETag", etag(id));
        headers.put("Cache-Control", CACHE_CONTROL);
        headers.put("Content-Disposition", (type.inline() ? "inline" : "attachment") + "; " + filename(name.value()));
        return headers;
    }

    /** {@code filename="…"} with an ASCII fallback and {@code filename*} (RFC 6266) for the real name. */
    static String filename(String name) {
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' ? c : '_');
        }
        return "filename=\"" + ascii + "\"; filename*=UTF-8''"
                + PercentEncoding.encode(name, false);
    }
}
