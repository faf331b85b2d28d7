package org.wikifarm.mcp;

import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PercentEncoding;
import org.wikifarm.store.TenantId;

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
        return SCHEME + wiki.value() + "/" + PercentEncoding.encode(path.value(), true);
    }

    /** The page a URI names in this wiki; empty for another wiki's URI or one that names no valid page. */
    static Optional<PagePath> pathIn(String uri, TenantId wiki) {
        String prefix = SCHEME + wiki.value() + "/";
        if (uri == null || !uri.startsWith(prefix)) {
            return Optional.empty();
        }
        return PercentEncoding.decodePath(uri.substring(prefix.length()), true);
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
