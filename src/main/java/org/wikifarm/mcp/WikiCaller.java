package org.wikifarm.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Map;
import org.wikifarm.auth.Caller;
import org.wikifarm.tenant.Tenant;
import org.wikifarm.tenant.Wiki;

/**
 * Who is calling, on which wiki: read by {@link McpServlet} from the request and handed to the SDK's handlers in the
 * transport context, because those never see the servlet request (and may run on another thread).
 */
record WikiCaller(Tenant tenant, Caller caller) {
    /** The request attribute {@link McpServlet} sets and the SDK's context extractor reads. */
    static final String ATTRIBUTE = WikiCaller.class.getName();
    private static final String KEY = "wikifarm.caller";

    Wiki wiki() {
        return tenant.wiki();
    }

    McpTransportContext context() {
        return McpTransportContext.create(Map.of(KEY, this));
    }

    /** The caller a handler runs for; every request through {@link McpServlet} has one. */
    static WikiCaller of(McpTransportContext context) {
        Object caller = context == null ? null : context.get(KEY);
        if (caller instanceof WikiCaller wikiCaller) {
            return wikiCaller;
        }
        throw new IllegalStateException("An MCP request reached a handler without a caller");
    }
}
