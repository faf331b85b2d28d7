package org.wikifarm.mcp;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Door;
import org.wikifarm.auth.Permissions;
import org.wikifarm.tenant.Tenant;

/**
 * Who may use a wiki's MCP endpoint at all, as the door policy of {@code auth.Permissions} says: a bearer token of
 * that wiki, and nothing else. {@code CredentialsFilter} has already signed the token in (and refused a wrong one, or
 * a token of another wiki, with a 401); a person signed in by a browser session cookie, HTTP Basic or proxy headers
 * is refused here, so a page in the browser can never drive an assistant's endpoint with the user's cookie. What the
 * token may do is decided later, per call, by {@code auth.Permissions} through the page and search services.
 */
final class McpAuth {
    private McpAuth() {
    }

    static Optional<WikiCaller> caller(Caller caller, Tenant tenant) {
        if (Permissions.refusal(Door.MCP, caller, tenant.id()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new WikiCaller(tenant, caller));
    }

    /** 401 with a Bearer challenge naming the wiki, saying why the door policy refused the caller. */
    static void refuse(HttpServletResponse response, Tenant tenant, Caller caller) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + tenant.wiki().slug().value() + "\"");
        JsonRpcErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED,
                Permissions.refusal(Door.MCP, caller, tenant.id()).orElse("Send a bearer token of this wiki."));
    }
}
