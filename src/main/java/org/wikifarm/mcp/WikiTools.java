package org.wikifarm.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Permission;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.StaleRevisionException;
import org.wikifarm.page.TextMismatchException;
import org.wikifarm.search.SearchService;

/**
 * The wiki's MCP tools. Names, descriptions, JSON Schemas and annotations are data ({@code tools.json} beside this
 * class); the handlers are thin calls into {@link ReadTools} and {@link WriteTools}. Around every call this class
 * checks the arguments against the input schema (malformed → JSON-RPC error {@code -32602}) and turns the services'
 * failures into results an assistant can act on. {@code tools/list} shows a caller only the tools its permissions on
 * the wiki allow — read tools for a viewer token or on a lapsed wiki — as {@code auth.Permissions} decides.
 */
final class WikiTools {
    private static final Logger LOG = LoggerFactory.getLogger(WikiTools.class);
    private static final String CATALOG = "tools.json";

    /** One tool's work, for a caller already known to hold a token of the wiki. */
    @FunctionalInterface
    interface Handler {
        CallToolResult call(WikiCaller caller, Arguments arguments);
    }

    private final PageService pages;
    private final JsonSchemaValidator validator;
    private final List<McpSchema.Tool> tools;
    private final Map<String, Handler> handlers = new HashMap<>();

    WikiTools(PageService pages, SearchService search, McpJsonMapper json, JsonSchemaValidator validator,
              Settings.Limits limits) {
        this(pages, search, json, validator, limits, wiki -> org.wikifarm.markdown.WikiLinkOrder.DEFAULT);
    }

    WikiTools(PageService pages, SearchService search, McpJsonMapper json, JsonSchemaValidator validator,
              Settings.Limits limits,
              java.util.function.Function<org.wikifarm.store.TenantId, org.wikifarm.markdown.WikiLinkOrder> linkOrders) {
        this.pages = pages;
        this.validator = validator;
        this.tools = catalog(json, limits);
        handlers.putAll(new ReadTools(pages, search, limits, linkOrders).handlers());
        handlers.putAll(new WriteTools(pages).handlers());
        handlers.putAll(new AttachmentTools(pages).handlers());
        Set<String> named = new TreeSet<>(tools.stream().map(McpSchema.Tool::name).toList());
        if (!named.equals(new TreeSet<>(handlers.keySet()))) {
            throw new IllegalStateException("tools.json names " + named + " but the handlers are " + handlers.keySet());
        }
    }

    List<McpSchema.Tool> tools() {
        return tools;
    }

    List<SyncToolSpecification> specifications() {
        return tools.stream().map(tool -> new SyncToolSpecification(tool,
                (exchange, request) -> call(tool, exchange, request))).toList();
    }

    /** The tools/list filter: tools that change pages are listed only to callers who may write. */
    boolean visible(McpTransportContext context, McpSchema.Tool tool) {
        if (isReadOnly(tool)) {
            return true;
        }
        WikiCaller caller = WikiCaller.of(context);
        return pages.permissions(caller.caller(), caller.wiki()).contains(Permission.WRITE);
    }

    static boolean isReadOnly(McpSchema.Tool tool) {
        return tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
    }

    private CallToolResult call(McpSchema.Tool tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        WikiCaller caller = WikiCaller.of(exchange.transportContext());
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        JsonSchemaValidator.ValidationResponse valid = validator.validate(tool.inputSchema(), arguments);
        if (!valid.valid()) {
            throw ToolResults.invalidArguments("Invalid arguments for " + tool.name() + ": "
                    + valid.errorMessage().replace("Validation failed: JSON schema validation errors: ", ""));
        }
        Arguments args = new Arguments(arguments);
        try {
            return handlers.get(tool.name()).call(caller, args);
        } catch (WikifarmException.InvalidInput invalid) {
            throw ToolResults.invalidArguments(invalid.getMessage());
        } catch (StaleRevisionException stale) {
            return ToolResults.stale(stale);
        } catch (TextMismatchException mismatch) {
            return ToolResults.mismatch(mismatch);
        } catch (PageNotFoundException missing) {
            return ToolResults.notFound(missing, wanted(args), closeCandidates(caller));
        } catch (WikifarmException.Forbidden forbidden) {
            return ToolResults.failure("Permission denied: " + forbidden.getMessage());
        } catch (WikifarmException failure) {
            if (failure instanceof WikifarmException.Unavailable) {
                LOG.warn("{} on wiki {} failed: {}", tool.name(), caller.wiki().id(), failure.getMessage());
            }
            return ToolResults.failure(failure.getMessage());
        } catch (McpError error) {
            throw error;
        } catch (RuntimeException unexpected) {
            LOG.error("{} on wiki {} failed", tool.name(), caller.wiki().id(), unexpected);
            throw ToolResults.internalError();
        }
    }

    private static PagePath wanted(Arguments args) {
        String path = args.string("path");
        return path != null && PagePath.isValid(path) ? new PagePath(path) : null;
    }

    private List<PagePath> closeCandidates(WikiCaller caller) {
        try {
            return pages.list(caller.caller(), caller.wiki(), null);
        } catch (WikifarmException e) {
            return List.of();
        }
    }

    /** The tools of {@code tools.json}, with the configured limits in their schemas ({@link ToolLimits}). */
    private static List<McpSchema.Tool> catalog(McpJsonMapper json, Settings.Limits limits) {
        try (InputStream in = WikiTools.class.getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(CATALOG + " is missing from the build");
            }
            ObjectMapper tree = new ObjectMapper();
            ArrayNode catalog = (ArrayNode) tree.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            ToolLimits.apply(catalog, limits);
            return json.readValue(tree.writeValueAsString(catalog), new TypeRef<List<McpSchema.Tool>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + CATALOG, e);
        }
    }
}
