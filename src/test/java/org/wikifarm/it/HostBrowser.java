package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser tab on a host-mode farm, without a browser: every request goes to the test's own Tomcat on 127.0.0.1
 * but names the host it is for (what DNS would do), and cookies are kept the way browsers keep them — a cookie with
 * {@code Domain=d} is sent to {@code d} and every name under it, one without only to the host that set it, and a
 * {@code Domain} the host does not belong to is refused. Redirects are not followed: tests look at each one.
 */
public final class HostBrowser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]*)\"");

    private final int port;
    private final List<Cookie> cookies = new ArrayList<>();
    private String csrf;

    /** A stored cookie: {@code domain} null means host-only, for {@code host}. */
    record Cookie(String name, String value, String host, String domain, String path) {
        boolean sentTo(String requestHost, String requestPath) {
            boolean hostMatches = domain == null ? requestHost.equals(host)
                    : requestHost.equals(domain) || requestHost.endsWith("." + domain);
            return hostMatches && (requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path
                    : path + "/") || path.equals("/"));
        }
    }

    /** One answer: status, headers (names lowercase, each with every value) and body. */
    public record Answer(String request, int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public List<String> setCookies() {
            return headers.getOrDefault("set-cookie", List.of());
        }

        public String location() {
            return header("location");
        }

        @Override
        public String toString() {
            return request + " → " + status + " " + headers + " " + (body.length() > 2000 ? body.substring(0, 2000)
                    + "…" : body);
        }
    }

    public HostBrowser(int port) {
        this.port = port;
    }

    public String csrf() {
        return csrf;
    }

    /** {@code http://<host>:<port><path>}: the address the farm's pages would link to. */
    public String url(String host, String path) {
        return "http://" + host + ":" + port + path;
    }

    public Answer get(String host, String pathAndQuery) {
        return send("GET", host, pathAndQuery, null, null, Map.of());
    }

    /** GET of an absolute address on this farm (a Location, a link): its host and path. */
    public Answer follow(String url) {
        URI uri = URI.create(url);
        assertThat(uri.getPort()).as("the port of %s", url).isEqualTo(port);
        return get(uri.getHost(), uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Posts a form with these fields and the tab's current CSRF token. */
    public Answer submit(String host, String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.putIfAbsent("csrf", csrf == null ? "" : csrf);
        String body = withToken.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", host, path, "application/x-www-form-urlencoded", body, Map.of());
    }

    public Answer send(String method, String host, String pathAndQuery, String contentType, String body,
                       Map<String, String> headers) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
                : pathAndQuery;
        StringBuilder request = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (!headers.containsKey("Accept")) {
            request.append("Accept: text/html\r\n");
        }
        String cookieHeader = cookies.stream().filter(cookie -> cookie.sentTo(host, path))
                .map(cookie -> cookie.name() + "=" + cookie.value()).collect(Collectors.joining("; "));
        if (!cookieHeader.isEmpty()) {
            request.append("Cookie: ").append(cookieHeader).append("\r\n");
        }
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            Answer answer = parse(method + " http://" + host + ":" + port + pathAndQuery,
                    socket.getInputStream());
            ApiClient.assertNoStackTrace(new ApiResponse(method, answer.request(), answer.status(), null,
                    answer.body(), null));
            keepCookies(host, answer);
            Matcher token = CSRF.matcher(answer.body());
            if (token.find() && !token.group(1).isEmpty()) {
                csrf = token.group(1);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + host + pathAndQuery + " failed: " + e, e);
        }
    }

    /** The cookies this tab would send to {@code host} at {@code path}, as name → value. */
    public Map<String, String> cookiesFor(String host, String path) {
        Map<String, String> sent = new LinkedHashMap<>();
        cookies.stream().filter(cookie -> cookie.sentTo(host, path)).forEach(c -> sent.put(c.name(), c.value()));
        return sent;
    }

    private void keepCookies(String host, Answer answer) {
        for (String header : answer.setCookies()) {
            String[] parts = header.split(";");
            int equals = parts[0].indexOf('=');
            String name = parts[0].substring(0, equals).strip();
            String value = parts[0].substring(equals + 1).strip();
            String domain = null;
            String path = "/";
            boolean expired = false;
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].strip();
                String lower = attribute.toLowerCase(Locale.ROOT);
                if (lower.startsWith("domain=")) {
                    domain = attribute.substring(7).toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
                } else if (lower.startsWith("path=")) {
                    path = attribute.substring(5);
                } else if (lower.equals("max-age=0") || lower.startsWith("expires=thu, 01-jan-1970")) {
                    expired = true;
                }
            }
            if (domain != null && !(host.equals(domain) || host.endsWith("." + domain))) {
                continue; // a browser refuses a cookie for a domain the host does not belong to
            }
            String cookieDomain = domain;
            String cookiePath = path;
            cookies.removeIf(cookie -> cookie.name().equals(name) && cookie.path().equals(cookiePath)
                    && java.util.Objects.equals(cookie.domain(), cookieDomain)
                    && (cookieDomain != null || cookie.host().equals(host)));
            if (!expired) {
                cookies.add(new Cookie(name, value, host, domain, path));
            }
        }
    }

    private static Answer parse(String request, InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] bytes = all.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete answer to %s: %s", request, text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    key -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(String.join(",", headers.getOrDefault("transfer-encoding", List.of())))) {
            body = dechunk(body);
        }
        return new Answer(request, status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = at;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
