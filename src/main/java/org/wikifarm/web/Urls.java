package org.wikifarm.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** URL building for page paths: each segment percent-encoded, the folder slashes kept. */
public final class Urls {
    private Urls() {
    }

    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    public static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
