package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.Pages;

/**
 * MCP in a wiki that reads An Otter Wiki's {@code [[Label|Page]]}: {@code get_links}, {@code read_note}'s sections and
 * {@code rename_note} with {@code update_links} follow the wiki's order; another wiki holding the same text (the same
 * blob) keeps reading {@code [[Page|Label]]}, and its token gets nothing from the first.
 */
class McpLinkOrderIT {
    private static final String HOME = "# About [[the guide|Guide]]\n\nSee [[the guide|Guide]].\n";

    @Test
    void mcpReadsAndRewritesLinksInTheWikisOwnOrder() {
        McpWiki otter = McpWiki.create();
        McpWiki plain = McpWiki.create();
        for (McpWiki wiki : List.of(otter, plain)) {
            Pages pages = wiki.wiki().pages(wiki.owner().client());
            pages.create("Guide", "The guide.");
            pages.create("Notes", HOME);
        }
        otter.owner().client().put(otter.wiki().api() + "/settings", Map.of("wiki_link_order", "label_first"))
                .expect(200);
        McpHttp otterMcp = otter.editorSession();
        McpHttp plainMcp = plain.editorSession();

        assertThat(texts(otterMcp.call("get_links", Map.of("path", "Notes")).structured().path("outgoing")))
                .containsExactly("Guide");
        assertThat(texts(otterMcp.call("get_links", Map.of("path", "Guide")).structured().path("backlinks")))
                .containsExactly("Notes");
        assertThat(texts(plainMcp.call("get_links", Map.of("path", "Notes")).structured().path("outgoing")))
                .containsExactly("the guide");
        assertThat(texts(plainMcp.call("get_links", Map.of("path", "Guide")).structured().path("backlinks")))
                .isEmpty();

        assertThat(texts(otterMcp.call("read_note", Map.of("path", "Notes")).structured().path("sections")))
                .containsExactly("About the guide");
        assertThat(texts(plainMcp.call("read_note", Map.of("path", "Notes")).structured().path("sections")))
                .containsExactly("About Guide");

        JsonNode moved = otterMcp.call("rename_note", Map.of("path", "Guide", "new_path", "Handbook",
                "update_links", true)).structured();
        assertThat(texts(moved.path("relinked"))).containsExactly("Notes");
        assertThat(otterMcp.call("read_note", Map.of("path", "Notes")).structured().path("content").asText())
                .isEqualTo(HOME.replace("|Guide]]", "|Handbook]]"));
        JsonNode plainMoved = plainMcp.call("rename_note", Map.of("path", "Guide", "new_path", "Handbook",
                "update_links", true)).structured();
        assertThat(texts(plainMoved.path("relinked"))).isEmpty();
        assertThat(plainMcp.call("read_note", Map.of("path", "Notes")).structured().path("content").asText())
                .isEqualTo(HOME);

        // The plain wiki's token on the otter wiki's MCP address gets nothing.
        McpHttp.of(otter.wiki(), plain.editor()).post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}").expectStatus(401);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
