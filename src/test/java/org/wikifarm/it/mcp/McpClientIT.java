package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.Fixtures;

/**
 * Real MCP clients that nobody on the team wrote, from npm, against a wiki of the running WAR: the official TypeScript
 * SDK's client ({@code src/test/mcp-client/client.mjs}; it also checks every structured result against the tool's
 * output schema) and the MCP Inspector's CLI.
 */
class McpClientIT {

    @Test
    void theTypeScriptSdkClientWorksWithTheWiki() throws Exception {
        NodeClients.require("@modelcontextprotocol/sdk");
        McpWiki wiki = McpWiki.create();
        String run = Fixtures.randomName("r", 8);
        NodeClients.Run client = NodeClients.node(List.of("client.mjs", McpHttp.endpoint(wiki.wiki()), wiki.editor(),
                run), 420);
        String[] lines = client.stdout().strip().split("\n");
        JsonNode seen = McpHttp.JSON.readTree(lines[lines.length - 1]);
        assertThat(seen.path("ok").asBoolean()).as("%s", client).isTrue();
        assertThat(client.exitCode()).as("%s", client).isZero();
        assertThat(seen.path("protocol").asText()).isEqualTo("2025-11-25");
        assertThat(seen.path("server").path("name").asText()).isEqualTo("wikifarm");
        assertThat(seen.path("tools")).hasSize(17);
        assertThat(seen.path("tools").toString()).contains("restore_note");
        assertThat(seen.path("search").toString()).contains("client/" + run);
        assertThat(seen.path("semantic").path("mode").asText()).isEqualTo("semantic");
        assertThat(seen.path("failedEdit").asText()).contains("current revision is");
        assertThat(wiki.wiki().pages(wiki.owner().client()).get("client/" + run).expect(200).text("author"))
                .isEqualTo(wiki.editorName());
    }

    @Test
    void theInspectorCliListsToolsAndCallsThem() throws Exception {
        NodeClients.require("@modelcontextprotocol/inspector");
        McpWiki wiki = McpWiki.create();

        JsonNode tools = inspector(wiki, 0, "--method", "tools/list");
        List<String> names = new ArrayList<>();
        tools.path("tools").forEach(tool -> names.add(tool.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("read_note", "write_note", "edit_note", "list_notes",
                "search_notes", "semantic_search", "get_history", "get_recent_changes", "get_links", "rename_note",
                "delete_note", "restore_note", "find_orphaned_notes", "list_attachments", "upload_attachment",
                "download_attachment", "delete_attachment");

        JsonNode written = inspector(wiki, 0, "--method", "tools/call", "--tool-name", "write_note",
                "--tool-arg", "path=inspector/tea", "--tool-arg", "content=# Tea\n\nSteep green tea at 80 degrees.");
        String revision = written.path("structuredContent").path("revision").asText();
        assertThat(revision).matches("[0-9a-f]{40}");

        JsonNode read = inspector(wiki, 0, "--method", "tools/call", "--tool-name", "read_note",
                "--tool-arg", "path=inspector/tea");
        assertThat(read.path("structuredContent").path("content").asText())
                .isEqualTo("# Tea\n\nSteep green tea at 80 degrees.");

        McpToolsIT.awaitIndexed(wiki);
        JsonNode text = inspector(wiki, 0, "--method", "tools/call", "--tool-name", "search_notes",
                "--tool-arg", "query=steep");
        assertThat(text.path("structuredContent").path("hits").path(0).path("path").asText())
                .isEqualTo("inspector/tea");
        JsonNode semantic = inspector(wiki, 0, "--method", "tools/call", "--tool-name", "semantic_search",
                "--tool-arg", "query=brewing a hot drink from leaves");
        assertThat(semantic.path("structuredContent").path("mode").asText()).isEqualTo("semantic");
        assertThat(semantic.path("structuredContent").path("hits").path(0).path("path").asText())
                .isEqualTo("inspector/tea");

        // The CLI exits 5 when a tool answers isError: true, and still prints the result.
        JsonNode failed = inspector(wiki, 5, "--method", "tools/call", "--tool-name", "edit_note",
                "--tool-arg", "path=inspector/tea", "--tool-arg", "revision=" + "0".repeat(40),
                "--tool-arg", "old_string=green", "--tool-arg", "new_string=black");
        assertThat(failed.path("isError").asBoolean()).isTrue();
        assertThat(failed.path("content").path(0).path("text").asText()).contains("current revision is " + revision);
    }

    private static JsonNode inspector(McpWiki wiki, int expectedExit, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                NodeClients.module("@modelcontextprotocol/inspector/clients/launcher/build/index.js").toString(),
                "--cli", McpHttp.endpoint(wiki.wiki()), "--transport", "http",
                "--header", "Authorization: Bearer " + wiki.editor()));
        command.addAll(List.of(arguments));
        NodeClients.Run run = NodeClients.node(command, 180);
        assertThat(run.exitCode()).as("%s", run).isEqualTo(expectedExit);
        int start = run.stdout().indexOf('{');
        assertThat(start).as("JSON on stdout of %s", run).isGreaterThanOrEqualTo(0);
        return McpHttp.JSON.readTree(run.stdout().substring(start));
    }
}
