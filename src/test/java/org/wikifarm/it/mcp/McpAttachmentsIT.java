package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.Fixtures;

/**
 * The MCP attachment tools ({@code list_attachments}, {@code upload_attachment}, {@code download_attachment},
 * {@code delete_attachment}) through the official TypeScript SDK's client ({@code src/test/mcp-client/attachments.mjs},
 * which checks every structured result against the tool's output schema), and across wikis: another wiki's token
 * never reaches this wiki's files, and a viewer token cannot change them.
 */
class McpAttachmentsIT {

    @Test
    void theSdkClientUploadsListsDownloadsAndDeletes() throws Exception {
        NodeClients.require("@modelcontextprotocol/sdk");
        McpWiki wiki = McpWiki.create();
        String run = Fixtures.randomName("r", 8);
        NodeClients.Run client = NodeClients.node(List.of("attachments.mjs", McpHttp.endpoint(wiki.wiki()),
                wiki.editor(), run), 300);
        String[] lines = client.stdout().strip().split("\n");
        JsonNode seen = McpHttp.JSON.readTree(lines[lines.length - 1]);

        assertThat(seen.path("ok").asBoolean()).as("%s", client).isTrue();
        assertThat(client.exitCode()).as("%s", client).isZero();
        assertThat(seen.path("listed").toString()).isEqualTo("[\"dot.png\",\"notes.txt\"]");
        assertThat(seen.path("image").path("type").asText()).isEqualTo("image/png");
        assertThat(seen.path("image").path("encoding").asText()).isEqualTo("base64");
        assertThat(seen.path("image").path("same").asBoolean()).isTrue();
        assertThat(seen.path("text").path("encoding").asText()).isEqualTo("text");
        assertThat(seen.path("text").path("content").asText()).isEqualTo("hello " + run);
        assertThat(seen.path("hostile").asText()).contains("file name");
        assertThat(seen.path("missing").path("isError").asBoolean()).isTrue();
        assertThat(seen.path("missing").path("text").asText()).contains("no file named 'nothing.png'");
        assertThat(seen.path("after").toString()).isEqualTo("[\"dot.png\"]");
        // What the tools stored is the wiki's: the REST API serves the same file.
        assertThat(wiki.owner().client().get(wiki.wiki().page("files/" + run) + "/attachments").expect(200)
                .array("attachments")).extracting(file -> file.path("name").asText()).containsExactly("dot.png");
    }

    @Test
    void anotherWikisTokenAndAViewerTokenAreRefused() {
        McpWiki secret = McpWiki.create();
        McpWiki other = McpWiki.create();
        secret.wiki().pages(secret.owner().client()).create("Page", "text");
        other.wiki().pages(other.owner().client()).create("Page", "theirs");
        McpHttp owner = secret.editorSession();
        owner.call("upload_attachment", Map.of("path", "Page", "filename", "secret.txt", "content_base64",
                Base64.getEncoder().encodeToString("the secret bytes".getBytes()))).structured();

        // Another wiki's token at this wiki's endpoint is refused at the door, before any tool runs.
        McpHttp.of(secret.wiki(), other.editor()).post(McpSecurityIT.INITIALIZE).expectStatus(401);
        McpHttp.Reply byToken = McpHttp.of(secret.wiki(), other.editor()).call("download_attachment",
                Map.of("path", "Page", "filename", "secret.txt")).expectStatus(401);
        assertThat(byToken.body()).doesNotContain("the secret bytes");
        // Through its own wiki, the same page name has none of this wiki's files.
        McpHttp theirs = other.editorSession();
        assertThat(theirs.call("list_attachments", Map.of("path", "Page")).structured().path("attachments"))
                .isEmpty();
        String missing = theirs.call("download_attachment", Map.of("path", "Page", "filename", "secret.txt"))
                .toolError();
        assertThat(missing).contains("no file named").doesNotContain("the secret bytes");
        assertThat(theirs.call("delete_attachment", Map.of("path", "Page", "filename", "secret.txt")).toolError())
                .contains("no file named");

        // A viewer token reads, and cannot upload or delete.
        McpHttp viewer = secret.viewerSession();
        assertThat(viewer.call("download_attachment", Map.of("path", "Page", "filename", "secret.txt")).structured()
                .path("content").asText()).isEqualTo("the secret bytes");
        assertThat(viewer.call("upload_attachment", Map.of("path", "Page", "filename", "x.txt", "content_base64",
                "eA==")).toolError()).contains("Permission denied");
        assertThat(viewer.call("delete_attachment", Map.of("path", "Page", "filename", "secret.txt")).toolError())
                .contains("Permission denied");
        assertThat(owner.call("list_attachments", Map.of("path", "Page")).structured().path("attachments"))
                .hasSize(1);
    }
}
