package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.Fixtures;

/** A write tool over the wiki's quota: an isError result with the REST API's message, and nothing written. */
class McpQuotaIT {
    @Test
    void aWriteOverTheQuotaIsAToolErrorWithTheSameText() {
        McpWiki wiki = McpWiki.create();
        wiki.wiki().pages(wiki.owner().client()).create("Home", "# Home\n");
        Map<String, Object> limits = new HashMap<>();
        limits.put("bytes", null);
        limits.put("pages", 1);
        Fixtures.admin().client().put("/api/v1/admin/wikis/" + wiki.wiki().id() + "/limits", limits).expect(200);
        McpHttp mcp = wiki.editorSession();

        String refused = mcp.call("write_note", Map.of("path", "More", "content", "more\n")).toolError();
        String rest = wiki.wiki().pages(wiki.owner().client()).put("More", "more\n", null)
                .expectError(413, "quota_exceeded").text("message");
        assertThat(refused).contains(rest).contains("1 pages of the 1");
        assertThat(wiki.wiki().pages(wiki.owner().client()).paths(null)).containsExactly("Home");
    }
}
