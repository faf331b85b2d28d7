package org.wikifarm.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.config.Settings;
import org.wikifarm.auth.Accounts;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.PageService;
import org.wikifarm.search.SearchService;

/**
 * The MCP server of every wiki: one SDK server and one Streamable HTTP transport (protocol 2025-11-25 and the older
 * revisions the SDK negotiates) behind {@link McpServlet}, registered once at {@code /_wiki/mcp}, where the tenant
 * forward sends {@code <wiki base>/mcp}. Each request carries its wiki and token in the SDK's transport context.
 * {@link #close} ends every session and stops every thread the SDK started.
 */
public final class McpEndpoint implements AutoCloseable {
    /** Where {@code tenant.WikiForwardFilter} forwards {@code <wiki base>/mcp}. */
    public static final String PATH = "/_wiki/mcp";
    private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);
    private static final String INSTRUCTIONS = """
            This server works on the pages of one wiki (Markdown, [[Page]] links, git history). Read a page with \
            read_note before changing it and pass the revision it returns to write_note or edit_note: if someone \
            changed the page in between, nothing is written and you are told the current revision. Prefer edit_note \
            for small changes. Confirm with the user before delete_note.""";

    private final ReactorThreads threads;
    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final McpServlet servlet;

    /**
     * @param hostMode     whether wikis are addressed by host (then the tenant filter vouches for the Host header)
     * @param maxBodyBytes the largest request body, as for the rest of the product
     * @param limits       sizes of tool arguments and answers, and how many sessions there may be
     */
    public McpEndpoint(PageService pages, SearchService search, Accounts accounts, boolean hostMode, long maxBodyBytes,
                       Settings.Limits limits) {
        this(pages, search, accounts, hostMode, maxBodyBytes, limits, wiki -> WikiLinkOrder.DEFAULT);
    }

    /** @param linkOrders each wiki's wiki link order, which the text of its headings (sections) depends on */
    public McpEndpoint(PageService pages, SearchService search, Accounts accounts, boolean hostMode, long maxBodyBytes,
                       Settings.Limits limits,
                       java.util.function.Function<org.wikifarm.store.TenantId, WikiLinkOrder> linkOrders) {
        this.threads = new ReactorThreads();
        ObjectMapper objectMapper = new ObjectMapper();
        McpJsonMapper json = new JacksonMcpJsonMapper(objectMapper);
        JsonSchemaValidator validator = new DefaultJsonSchemaValidator(objectMapper);
        OriginPolicy origins = new OriginPolicy(hostMode);
        int maxBody = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes);
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint("/mcp")
                .contextExtractor(request -> request.getAttribute(WikiCaller.ATTRIBUTE) instanceof WikiCaller caller
                        ? caller.context() : McpTransportContext.EMPTY)
                .httpHeaderValidator(origins)
                .maxRequestSize(maxBody)
                // Only a backstop: SessionBinding ends idle sessions itself, and the SDK's sweep ends none sooner.
                .sessionSweepInterval(Duration.ofMinutes(limits.mcpSessionIdleMinutes()))
                .build();
        WikiTools tools = new WikiTools(pages, search, json, validator, limits, linkOrders);
        PageResources resources = new PageResources(pages);
        this.server = McpServer.sync(transport)
                .serverInfo(McpSchema.Implementation.builder("wikifarm", version()).title("Wikifarm").build())
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .jsonMapper(json)
                .jsonSchemaValidator(validator)
                // Arguments are checked by WikiTools, so that malformed ones are protocol errors, not tool results.
                .validateToolInputs(false)
                .immediateExecution(true)
                .uriTemplateManagerFactory(new PageUris.Templates())
                .tools(tools.specifications())
                .addToolFilter(tools::visible)
                .resourceTemplates(resources.template())
                .build();
        this.servlet = new McpServlet(transport, accounts, origins, new SessionBinding(Clock.systemUTC(), limits),
                resources, json, maxBody);
    }

    public HttpServlet servlet() {
        return servlet;
    }

    @Override
    public void close() {
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.warn("Closing the MCP sessions failed: {}", e.getMessage());
        } finally {
            threads.close();
        }
    }

    private static String version() {
        String version = McpEndpoint.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
