package org.wikifarm.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Page;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;

/**
 * The wiki's pages as MCP resources: {@code wiki://<wiki id>/<path>}, Markdown text. {@code resources/read} goes
 * through the SDK and the template {@code wiki://{wiki}/{+path}}; {@code resources/list} is answered by
 * {@link McpServlet} from {@link #list}, because the SDK's list is one fixed list for the whole server and a wiki's
 * pages are its own. The list is paged by an opaque cursor that holds the last path returned, so pages added or
 * removed between two calls shift nothing.
 */
final class PageResources {
    static final int PAGE_SIZE = 100;
    static final String MIME_TYPE = "text/markdown";
    private static final Logger LOG = LoggerFactory.getLogger(PageResources.class);

    private final PageService pages;

    PageResources(PageService pages) {
        this.pages = pages;
    }

    SyncResourceTemplateSpecification template() {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(PageUris.TEMPLATE, "page")
                .title("Wiki page")
                .description("A page of this wiki as Markdown; {wiki} is the wiki's id, {+path} the page path.")
                .mimeType(MIME_TYPE)
                .build();
        return new SyncResourceTemplateSpecification(template, this::read);
    }

    private McpSchema.ReadResourceResult read(McpSyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
        WikiCaller caller = WikiCaller.of(exchange.transportContext());
        PagePath path = PageUris.pathIn(request.uri(), caller.wiki().id())
                .orElseThrow(() -> McpError.RESOURCE_NOT_FOUND.apply(request.uri()));
        try {
            Page page = pages.read(caller.caller(), caller.wiki(), path, null);
            return new McpSchema.ReadResourceResult(List.of(
                    new McpSchema.TextResourceContents(request.uri(), MIME_TYPE, page.content())));
        } catch (WikifarmException.NotFound e) {
            throw McpError.RESOURCE_NOT_FOUND.apply(request.uri());
        } catch (WikifarmException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message(e.getMessage()).build();
        } catch (RuntimeException e) {
            LOG.error("Reading resource {} failed", request.uri(), e);
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("Internal error; it has been logged.")
                    .build();
        }
    }

    /** One page of {@code resources/list}: the pages after the cursor's, sorted by path. */
    McpSchema.ListResourcesResult list(WikiCaller caller, String cursor) {
        String after = cursor == null || cursor.isEmpty() ? null : decode(cursor);
        List<PagePath> all = pages.list(caller.caller(), caller.wiki(), null).stream()
                .sorted(Comparator.comparing(PagePath::value)).toList();
        List<PagePath> rest = after == null ? all : all.stream().filter(p -> p.value().compareTo(after) > 0).toList();
        List<PagePath> shown = rest.size() > PAGE_SIZE ? rest.subList(0, PAGE_SIZE) : rest;
        List<McpSchema.Resource> resources = shown.stream().map(page -> McpSchema.Resource.builder()
                .uri(PageUris.of(caller.wiki().id(), page))
                .name(page.value())
                .title(page.name())
                .mimeType(MIME_TYPE)
                .build()).toList();
        String next = rest.size() > PAGE_SIZE ? encode(shown.get(shown.size() - 1).value()) : null;
        return new McpSchema.ListResourcesResult(resources, next);
    }

    private static String encode(String path) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("Invalid cursor: pass back the"
                    + " nextCursor of the previous resources/list answer.").build();
        }
    }
}
