package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.ApiResponse;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.HeaderClient;
import org.wikifarm.it.Pages;
import org.wikifarm.it.TestWiki;
import org.wikifarm.it.WebSession;

/**
 * Pages filtered by their YAML front matter (category, tag) through every door: the REST page list, MCP's
 * {@code list_notes} and the web page index; a save changes the answer at once; another wiki's pages never show, and
 * another wiki's token gets nothing.
 */
class FrontMatterFiltersIT {
    @Test
    void theRestListMcpAndThePageIndexFilterByCategoryAndTag() {
        McpWiki wiki = McpWiki.create();
        Pages pages = wiki.wiki().pages(wiki.owner().client());
        String first = pages.create("alpha", "---\ntitle: Alpha\ncategory: Projects\ntags: [plan, x]\n---\n# A\n");
        pages.create("beta", "---\ncategory: projects\ntags:\n  - other\n---\nB\n");
        pages.create("docs/gamma", "---\ntags: Plan\n---\nC\n");
        pages.create("plain", "No front matter, but the words category: Projects and tags: plan.\n");
        McpWiki other = McpWiki.create();
        other.wiki().pages(other.owner().client()).create("alpha", "---\ncategory: Projects\ntags: [plan]\n---\n");
        other.wiki().pages(other.owner().client()).create("elsewhere", "---\ncategory: Projects\ntags: [plan]\n---\n");

        HeaderClient viewer = HeaderClient.bearer(wiki.viewer());
        assertThat(paths(viewer.get(wiki.wiki().api() + "/pages?tag=plan"))).containsExactly("alpha", "docs/gamma");
        assertThat(paths(viewer.get(wiki.wiki().api() + "/pages?category=PROJECTS"))).containsExactly("alpha", "beta");
        assertThat(paths(viewer.get(wiki.wiki().api() + "/pages?category=Projects&tag=PLAN")))
                .containsExactly("alpha");
        assertThat(paths(viewer.get(wiki.wiki().api() + "/pages?tag=plan&prefix=docs/"))).containsExactly("docs/gamma");
        assertThat(paths(viewer.get(wiki.wiki().api() + "/pages?tag=none"))).isEmpty();
        assertThat(paths(viewer.get(wiki.wiki().api() + "/pages?tag=")))
                .isEqualTo(paths(viewer.get(wiki.wiki().api() + "/pages")));
        viewer.get(wiki.wiki().api() + "/pages?tag=" + "t".repeat(201)).expectError(400, "invalid_tag");

        McpHttp mcp = wiki.viewerSession();
        assertThat(listed(mcp.call("list_notes", Map.of("tag", "plan")).structured()))
                .containsExactly("alpha", "docs/gamma");
        assertThat(listed(mcp.call("list_notes", Map.of("category", "projects", "tag", "x")).structured()))
                .containsExactly("alpha");
        assertThat(listed(mcp.call("list_notes", Map.of("category", "Projects", "updated_since", "2000-01-01"))
                .structured())).containsExactly("alpha", "beta");

        WebSession owner = WebSession.signedIn(wiki.owner());
        String base = "/" + wiki.wiki().owner() + "/" + wiki.wiki().slug();
        ApiResponse index = owner.get(base + "/-/index?tag=plan").expect(200);
        assertThat(index.body()).contains("id=\"index-filter\"").contains("href=\"" + base + "/alpha\"")
                .contains("gamma").doesNotContain("href=\"" + base + "/beta\"")
                .doesNotContain("href=\"" + base + "/plain\"").doesNotContain("elsewhere");
        ApiResponse page = owner.get(base + "/alpha").expect(200);
        assertThat(page.body()).contains("<h1 id=\"page-title\">Alpha</h1>")
                .contains("href=\"" + base + "/-/index?category=Projects\"")
                .contains("href=\"" + base + "/-/index?tag=plan\"").doesNotContain("title: Alpha");

        // A save takes the page out of the list at once.
        pages.update("alpha", "---\ncategory: Projects\n---\n# A\n", first);
        assertThat(paths(viewer.get(wiki.wiki().api() + "/pages?tag=plan"))).containsExactly("docs/gamma");
        assertThat(listed(mcp.call("list_notes", Map.of("tag", "plan")).structured())).containsExactly("docs/gamma");

        // The other wiki's token reads nothing here, filtered or not.
        int status = HeaderClient.bearer(other.viewer()).get(wiki.wiki().api() + "/pages?tag=plan").status();
        assertThat(status).isIn(401, 403, 404);
        McpHttp.of(wiki.wiki(), other.viewer()).post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}").expectStatus(401);
    }

    private static List<String> paths(ApiResponse list) {
        List<String> paths = new ArrayList<>();
        list.expect(200).array("pages").forEach(p -> paths.add(p.path("path").asText()));
        return paths;
    }

    private static List<String> listed(JsonNode listing) {
        List<String> paths = new ArrayList<>();
        listing.path("pages").forEach(p -> paths.add(p.path("path").asText()));
        return paths;
    }
}
