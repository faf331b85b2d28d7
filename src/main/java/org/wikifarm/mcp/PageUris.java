package org.wikifarm.mcp;

import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wikifarm.page.PagePath;
import org.wikifarm.tenant.TenantId;

/**
 * Pages as resource URIs: {@code wiki://<wiki id>/<page path>}, each path segment percent-encoded, folders separated
 * by {@code /} ({@code wiki://k3m5abcd2xyz/projects/2026/plan}). The wiki's immutable id (not its slug, which another
 * owner may share) keeps the pages of two wikis apart in an assistant that is connected to both.
 */
final class PageUris {
    static final String SCHEME = "wiki://";
    /** RFC 6570 reserved expansion: {@code {+path}} may contain {@code /}. */
    static final String TEMPLATE = SCHEME + "{wiki}/{+path}";

    private PageUris() {
    }

    static String of(TenantId wiki, PagePath path) {
        StringBuilder uri = new StringBuilder(SCHEME).append(wiki.value()).append('/');
        for (byte b : path.value().getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (unreserved(c) || c == '/') {
                uri.append((char) c);
            } else {
                uri.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return uri.toString();
    }

    /** The page a URI names in this wiki; empty for another wiki's URI or one that names no valid page. */
    static Optional<PagePath> pathIn(String uri, TenantId wiki) {
        String prefix = SCHEME + wiki.value() + "/";
        if (uri == null || !uri.startsWith(prefix)) {
            return Optional.empty();
        }
        String decoded = decode(uri.substring(prefix.length()));
        return decoded != null && PagePath.isValid(decoded) ? Optional.of(new PagePath(decoded)) : Optional.empty();
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7f) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * The SDK matches templates with variables that cannot hold {@code /}; page paths can, so our template gets a
     * matcher of its own (any other template keeps the SDK's).
     */
    static final class Templates implements McpUriTemplateManagerFactory {
        @Override
        public McpUriTemplateManager create(String uriTemplate) {
            return TEMPLATE.equals(uriTemplate) ? new PageTemplate() : new DefaultMcpUriTemplateManager(uriTemplate);
        }
    }

    private static final class PageTemplate implements McpUriTemplateManager {
        @Override
        public List<String> getVariableNames() {
            return List.of("wiki", "path");
        }

        @Override
        public Map<String, String> extractVariableValues(String uri) {
            if (!matches(uri)) {
                return Map.of();
            }
            String rest = uri.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            return Map.of("wiki", rest.substring(0, slash), "path", rest.substring(slash + 1));
        }

        @Override
        public boolean matches(String uri) {
            if (uri == null || !uri.startsWith(SCHEME)) {
                return false;
            }
            String rest = uri.substring(SCHEME.length());
            int slash = rest.indexOf('/');
            return slash > 0 && slash < rest.length() - 1;
        }

        @Override
        public boolean isUriTemplate(String uri) {
            return true;
        }
    }
}
