package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikifarm.it.ApiClient;
import org.wikifarm.it.Pages;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}) against a wiki of the running WAR,
 * for the scenarios that apply to a wiki: the others test fixtures of the SDKs' own test servers (tools named
 * {@code test_simple_text}, sampling, elicitation, prompts). The suite sends no bearer token and our endpoint accepts
 * nothing else, so it talks to the wiki through {@link TokenProxy}, a loopback proxy that adds the viewer token — the
 * way a credential-holding gateway fronts an MCP server — and passes Host and Origin through untouched, so the
 * DNS-rebinding scenario is decided by the server itself. The product has no test-only allowance.
 */
class McpConformanceIT {
    private static McpWiki wiki;

    private static synchronized McpWiki wiki() {
        if (wiki == null) {
            wiki = McpWiki.create();
            Pages pages = wiki.wiki().pages(wiki.owner().client());
            pages.create("Home", "# Conformance\n\nSee [[notes/one]].");
            pages.create("notes/one", "# One\n\nThe first note.");
        }
        return wiki;
    }

    @ParameterizedTest
    @ValueSource(strings = {"server-initialize", "ping", "tools-list", "resources-list", "dns-rebinding-protection"})
    void scenarioPasses(String scenario) throws Exception {
        NodeClients.require("@modelcontextprotocol/conformance");
        McpWiki wiki = wiki();
        try (TokenProxy proxy = new TokenProxy(URI.create(ApiClient.BASE), wiki.viewer())) {
            String url = proxy.base() + "/" + wiki.wiki().owner() + "/" + wiki.wiki().slug() + "/mcp";
            NodeClients.Run run = NodeClients.node(List.of(
                    NodeClients.module("@modelcontextprotocol/conformance/dist/index.js").toString(),
                    "server", "--url", url, "--scenario", scenario), 180);
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout() + run.stderr()).as("%s", run).contains("0 failed").doesNotContain("FAILURE");
            assertThat(proxy.requests()).as("the suite reached the wiki through the proxy").isPositive();
        }
    }
}
