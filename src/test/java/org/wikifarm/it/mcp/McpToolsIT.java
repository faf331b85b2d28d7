package org.wikifarm.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.ApiClient;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.Pages;
import org.wikifarm.it.TestWiki;
import org.wikifarm.it.WebSession;

/**
 * The wiki's MCP tools over HTTP against the IT Tomcat, as an assistant uses them: results, the business failures it
 * must be able to act on, and the protocol errors for malformed arguments.
 */
class McpToolsIT {
    static final List<String> READ_TOOLS = List.of("download_attachment", "find_orphaned_notes", "get_history",
            "get_links", "get_recent_changes", "list_attachments", "list_notes", "read_note", "search_notes",
            "semantic_search");
    static final List<String> WRITE_TOOLS = List.of("delete_attachment", "delete_note", "edit_note", "rename_note",
            "restore_note", "upload_attachment", "write_note");

    @Test
    void writeReadStaleEditAndHistory() {
        McpWiki wiki = McpWiki.create();
        McpHttp mcp = wiki.editorSession();

        JsonNode written = mcp.call("write_note", Map.of("path", "plans/garden", "content",
                "# Garden\n\nPlant tomatoes in May.\n", "commit_message", "Start the garden plan")).structured();
        assertThat(written.path("created").asBoolean()).isTrue();
        String first = written.path("revision").asText();
        assertThat(first).matches("[0-9a-f]{40}");

        JsonNode read = mcp.call("read_note", Map.of("path", "plans/garden")).structured();
        assertThat(read.path("content").asText()).isEqualTo("# Garden\n\nPlant tomatoes in May.\n");
        assertThat(read.path("revision").asText()).isEqualTo(first);
        assertThat(read.path("author").asText()).isEqualTo(wiki.editorName());

        // Someone else changes the page in the web UI's place: the REST API, as the owner.
        String second = wiki.wiki().pages(wiki.owner().client()).update("plans/garden",
                "# Garden\n\nPlant tomatoes in May.\nWater every evening.\n", first);

        String stale = mcp.call("edit_note", Map.of("path", "plans/garden", "revision", first,
                "old_string", "tomatoes", "new_string", "beans")).toolError();
        assertThat(stale).contains("changed since revision " + first).contains("current revision is " + second)
                .contains("Nothing was written");

        JsonNode edited = mcp.call("edit_note", Map.of("path", "plans/garden", "revision", second,
                "old_string", "tomatoes", "new_string", "beans", "commit_message", "Beans instead")).structured();
        assertThat(edited.path("previous_revision").asText()).isEqualTo(second);
        String third = edited.path("revision").asText();
        assertThat(mcp.call("read_note", Map.of("path", "plans/garden")).structured().path("content").asText())
                .isEqualTo("# Garden\n\nPlant beans in May.\nWater every evening.\n");

        JsonNode history = mcp.call("get_history", Map.of("path", "plans/garden")).structured();
        List<JsonNode> changes = list(history.path("changes"));
        assertThat(changes).extracting(change -> change.path("revision").asText()).containsExactly(third, second, first);
        assertThat(changes.get(0).path("author").asText()).isEqualTo(wiki.editorName());
        assertThat(changes.get(0).path("message").asText()).isEqualTo("Beans instead");
        assertThat(changes.get(1).path("author").asText()).isNotEqualTo(wiki.editorName());
        assertThat(changes.get(2).path("author").asText()).isEqualTo(wiki.editorName());

        JsonNode recent = mcp.call("get_recent_changes", Map.of("limit", 2)).structured();
        assertThat(list(recent.path("changes"))).extracting(change -> change.path("revision").asText())
                .containsExactly(third, second);
        assertThat(recent.path("changes").path(0).path("pages").path(0).path("kind").asText()).isEqualTo("MODIFIED");
    }

    @Test
    void writingAnExistingPageNeedsItsRevisionAndEditNeedsOneMatch() {
        McpWiki wiki = McpWiki.create();
        McpHttp mcp = wiki.editorSession();
        String revision = mcp.call("write_note", Map.of("path", "Home", "content", "one two two\n")).structured()
                .path("revision").asText();

        String exists = mcp.call("write_note", Map.of("path", "Home", "content", "replaced")).toolError();
        assertThat(exists).contains("already exists").contains(revision).contains("retry with revision " + revision);

        assertThat(mcp.call("edit_note", Map.of("path", "Home", "revision", revision, "old_string", "three",
                "new_string", "3")).toolError()).contains("old_string was not found");
        assertThat(mcp.call("edit_note", Map.of("path", "Home", "revision", revision, "old_string", "two",
                "new_string", "2")).toolError()).contains("occurs 2 times").contains("exactly once");
        assertThat(mcp.call("read_note", Map.of("path", "Home")).structured().path("revision").asText())
                .as("nothing was written").isEqualTo(revision);

        JsonNode replaced = mcp.call("write_note", Map.of("path", "Home", "content", "replaced\n", "revision",
                revision.toUpperCase())).structured();
        assertThat(replaced.path("created").asBoolean()).isFalse();
    }

    @Test
    void renameWithLinksAndRestoreStayInTheirWiki() {
        McpWiki mine = McpWiki.create();
        McpWiki theirs = McpWiki.create();
        for (McpWiki wiki : List.of(mine, theirs)) {
            McpHttp mcp = wiki.editorSession();
            mcp.call("write_note", Map.of("path", "notes/old", "content", "Old notes.")).structured();
            mcp.call("write_note", Map.of("path", "Home", "content", "See [[notes/old|the notes]]; `[[notes/old]]`."))
                    .structured();
            mcp.call("write_note", Map.of("path", "Gone", "content", "gone " + wiki.editorName())).structured();
            mcp.call("delete_note", Map.of("path", "Gone")).structured();
        }
        McpHttp mcp = mine.editorSession();

        JsonNode renamed = mcp.call("rename_note", Map.of("path", "notes/old", "new_path", "archive/old",
                "update_links", true)).structured();
        assertThat(list(renamed.path("relinked"))).extracting(JsonNode::asText).containsExactly("Home");
        assertThat(mcp.call("read_note", Map.of("path", "Home")).structured().path("content").asText())
                .isEqualTo("See [[archive/old|the notes]]; `[[notes/old]]`.");
        JsonNode restored = mcp.call("restore_note", Map.of("path", "Gone", "commit_message", "Back")).structured();
        assertThat(mcp.call("read_note", Map.of("path", "Gone")).structured().path("revision").asText())
                .isEqualTo(restored.path("revision").asText());
        assertThat(mcp.call("restore_note", Map.of("path", "Gone")).toolError()).contains("already exists");
        assertThat(mcp.call("restore_note", Map.of("path", "Never")).toolError()).contains("never existed");
        assertThat(mine.viewerSession().call("restore_note", Map.of("path", "Gone")).toolError())
                .contains("Permission denied");

        // The other wiki, with the same page names, is untouched; this wiki's token does not open it.
        McpHttp other = theirs.editorSession();
        assertThat(other.call("read_note", Map.of("path", "Home")).structured().path("content").asText())
                .isEqualTo("See [[notes/old|the notes]]; `[[notes/old]]`.");
        assertThat(other.call("read_note", Map.of("path", "Gone")).toolError()).contains("does not exist");
        McpHttp.of(theirs.wiki(), mine.editor()).request("initialize", Map.of("protocolVersion", McpHttp.PROTOCOL,
                "capabilities", Map.of(), "clientInfo", Map.of("name", "it", "version", "1"))).expectStatus(401);
    }

    @Test
    void readingAMissingPageSuggestsCloseMatchesAndSectionsCanBeRead() {
        McpWiki wiki = McpWiki.create();
        McpHttp mcp = wiki.editorSession();
        mcp.call("write_note", Map.of("path", "projects/Roadmap", "content",
                "# Roadmap\n\nIntro.\n\n## Goals\n\nShip it.\n\n### Stretch\n\nShip twice.\n\n## Risks\n\nNone.\n"
                        + "```\n# not a heading\n```\n")).structured();

        String missing = mcp.call("read_note", Map.of("path", "projects/roadmap")).toolError();
        assertThat(missing).contains("does not exist").contains("Close matches: projects/Roadmap");
        assertThat(mcp.call("read_note", Map.of("path", "Roadmap")).toolError()).contains("projects/Roadmap");

        JsonNode goals = mcp.call("read_note", Map.of("path", "projects/Roadmap", "section", "goals")).structured();
        assertThat(goals.path("content").asText()).isEqualTo("## Goals\n\nShip it.\n\n### Stretch\n\nShip twice.\n\n");
        assertThat(list(goals.path("sections"))).extracting(JsonNode::asText).containsExactly("Roadmap",
                "Roadmap > Goals", "Roadmap > Goals > Stretch", "Roadmap > Risks");
        assertThat(mcp.call("read_note", Map.of("path", "projects/Roadmap", "section", "Goals > Stretch"))
                .structured().path("content").asText()).isEqualTo("### Stretch\n\nShip twice.\n\n");
        assertThat(mcp.call("read_note", Map.of("path", "projects/Roadmap", "section", "Budget")).toolError())
                .contains("no single section 'Budget'").contains("Roadmap > Risks");
    }

    @Test
    void listLinksRenameDeleteAndOrphans() {
        McpWiki wiki = McpWiki.create();
        McpHttp mcp = wiki.editorSession();
        Instant before = Instant.now().minusSeconds(5);
        mcp.call("write_note", Map.of("path", "Home", "content", "See [[notes/a]].")).structured();
        mcp.call("write_note", Map.of("path", "notes/a", "content", "Links to [[notes/b]] and [[Home]].")).structured();
        mcp.call("write_note", Map.of("path", "notes/b", "content", "Back to [[notes/a]].")).structured();
        mcp.call("write_note", Map.of("path", "notes/lonely", "content", "Nobody links here.")).structured();

        JsonNode all = mcp.call("list_notes", Map.of()).structured();
        assertThat(list(all.path("pages"))).extracting(page -> page.path("path").asText())
                .containsExactly("Home", "notes/a", "notes/b", "notes/lonely");
        assertThat(all.path("truncated").asBoolean()).isFalse();
        JsonNode prefixed = mcp.call("list_notes", Map.of("prefix", "notes/", "updated_since",
                before.toString())).structured();
        assertThat(prefixed.path("count").asInt()).isEqualTo(3);
        assertThat(prefixed.path("pages").path(0).path("updated").asText()).isNotBlank();
        assertThat(mcp.call("list_notes", Map.of("updated_since", "2999-01-01")).structured().path("count").asInt())
                .isZero();

        JsonNode links = mcp.call("get_links", Map.of("path", "notes/a")).structured();
        assertThat(list(links.path("outgoing"))).extracting(JsonNode::asText).containsExactlyInAnyOrder("notes/b",
                "Home");
        assertThat(list(links.path("backlinks"))).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("Home", "notes/b");

        assertThat(list(mcp.call("find_orphaned_notes", Map.of()).structured().path("orphans")))
                .extracting(JsonNode::asText).containsExactly("notes/lonely");

        JsonNode renamed = mcp.call("rename_note", Map.of("path", "notes/lonely", "new_path", "archive/lonely"))
                .structured();
        assertThat(renamed.path("path").asText()).isEqualTo("archive/lonely");
        assertThat(renamed.path("previous_path").asText()).isEqualTo("notes/lonely");
        assertThat(mcp.call("rename_note", Map.of("path", "notes/a", "new_path", "notes/b")).toolError())
                .contains("already exists");

        JsonNode deleted = mcp.call("delete_note", Map.of("path", "archive/lonely", "commit_message", "Tidy up"))
                .structured();
        assertThat(deleted.path("deleted").asBoolean()).isTrue();
        assertThat(mcp.call("read_note", Map.of("path", "archive/lonely")).toolError()).contains("does not exist");
        assertThat(mcp.call("delete_note", Map.of("path", "archive/lonely")).toolError()).contains("does not exist");
    }

    @Test
    void fullTextAndSemanticSearch() {
        McpWiki wiki = McpWiki.create();
        McpHttp mcp = wiki.editorSession();
        mcp.call("write_note", Map.of("path", "garden/compost", "content", "# Compost heap\n\nKitchen scraps such as"
                + " carrot tops, potato skins, coffee grounds and eggshells go on the heap with dry brown material."))
                .structured();
        mcp.call("write_note", Map.of("path", "travel/japan", "content", "# Japan trip\n\nThe Japan Rail Pass covers"
                + " the shinkansen between Tokyo, Kyoto and Osaka.")).structured();
        awaitIndexed(wiki);

        JsonNode text = mcp.call("search_notes", Map.of("query", "shinkansen")).structured();
        assertThat(list(text.path("hits"))).extracting(hit -> hit.path("path").asText()).containsExactly("travel/japan");
        assertThat(text.path("hits").path(0).path("snippet").asText()).contains("**shinkansen**")
                .doesNotContain("<mark>");

        JsonNode semantic = mcp.call("semantic_search", Map.of("query", "what to do with vegetable peelings",
                "n", 1, "max_chunks_per_page", 1)).structured();
        assertThat(semantic.path("mode").asText()).isEqualTo("semantic");
        assertThat(semantic.path("semantic").asText()).isEqualTo("ready");
        assertThat(list(semantic.path("hits"))).hasSize(1);
        JsonNode hit = semantic.path("hits").path(0);
        assertThat(hit.path("path").asText()).isEqualTo("garden/compost");
        assertThat(list(hit.path("chunks"))).hasSize(1);
        assertThat(hit.path("chunks").path(0).path("text").asText()).contains("Kitchen scraps");
    }

    @Test
    void malformedArgumentsAreProtocolErrors() {
        McpWiki wiki = McpWiki.create();
        McpHttp mcp = wiki.editorSession();
        List<Map<String, Object>> calls = List.of(
                Map.of("name", "read_note", "arguments", Map.of()),
                Map.of("name", "read_note", "arguments", Map.of("path", 42)),
                Map.of("name", "read_note", "arguments", Map.of("path", "Home", "colour", "red")),
                Map.of("name", "read_note", "arguments", Map.of("path", "Home", "revision", "HEAD")),
                Map.of("name", "read_note", "arguments", Map.of("path", "../etc/passwd")),
                Map.of("name", "search_notes", "arguments", Map.of("query", "x", "limit", 500)),
                Map.of("name", "list_notes", "arguments", Map.of("updated_since", "last tuesday")),
                Map.of("name", "edit_note", "arguments", Map.of("path", "Home", "revision", "a".repeat(40),
                        "old_string", "", "new_string", "x")),
                Map.of("name", "no_such_tool", "arguments", Map.of()));
        for (Map<String, Object> call : calls) {
            McpHttp.Reply reply = mcp.request("tools/call", call).expectStatus(200);
            assertThat(reply.error().path("code").asInt()).as("%s", reply).isEqualTo(-32602);
            assertThat(reply.error().path("message").asText()).as("%s", reply).isNotBlank();
        }
        assertThat(mcp.request("tools/call", Map.of("name", "read_note", "arguments", Map.of("path", "../x")))
                .error().path("message").asText()).contains("'..'");
    }

    @Test
    void viewerTokenSeesAndCallsOnlyReadTools() {
        McpWiki wiki = McpWiki.create();
        wiki.editorSession().call("write_note", Map.of("path", "Home", "content", "Hello")).structured();
        assertThat(toolNames(wiki.editorSession())).containsExactlyElementsOf(sorted(READ_TOOLS, WRITE_TOOLS));

        McpHttp viewer = wiki.viewerSession();
        assertThat(toolNames(viewer)).containsExactlyElementsOf(READ_TOOLS);
        assertThat(viewer.call("read_note", Map.of("path", "Home")).structured().path("content").asText())
                .isEqualTo("Hello");
        String refused = viewer.call("write_note", Map.of("path", "Other", "content", "x")).toolError();
        assertThat(refused).startsWith("Permission denied").contains("WRITE");
        String revision = viewer.call("read_note", Map.of("path", "Home")).structured().path("revision").asText();
        assertThat(viewer.call("edit_note", Map.of("path", "Home", "revision", revision, "old_string", "Hello",
                "new_string", "Bye")).toolError()).startsWith("Permission denied");
        assertThat(viewer.call("delete_note", Map.of("path", "Home")).toolError()).startsWith("Permission denied");
        assertThat(wiki.wiki().pages(wiki.owner().client()).get("Home").expect(200).text("content"))
                .isEqualTo("Hello");
    }

    @Test
    void aLapsedWikiIsReadOnlyForItsTokens() {
        McpWiki wiki = McpWiki.create();
        McpHttp editor = wiki.editorSession();
        editor.call("write_note", Map.of("path", "Home", "content", "Hello")).structured();

        WebSession admin = WebSession.signedIn(Fixtures.admin());
        assertThat(admin.submit("/admin/wikis", Map.of("wiki_id", wiki.wiki().id(), "payment_status", "lapsed"))
                .status()).isEqualTo(303);

        assertThat(toolNames(editor)).containsExactlyElementsOf(READ_TOOLS);
        assertThat(editor.call("write_note", Map.of("path", "Other", "content", "x")).toolError())
                .contains("read-only").contains("lapsed");
        assertThat(editor.call("read_note", Map.of("path", "Home")).structured().path("content").asText())
                .isEqualTo("Hello");
    }

    @Test
    void pagesAreResourcesListedInPages() {
        McpWiki wiki = McpWiki.create();
        Pages pages = wiki.wiki().pages(wiki.owner().client());
        int count = 105;
        for (int i = 0; i < count; i++) {
            pages.create(String.format("notes/n%03d", i), "# Note " + i);
        }
        pages.create("Home", "# Welcome\n\n[[notes/n000]]");
        McpHttp mcp = wiki.viewerSession();

        List<String> uris = new ArrayList<>();
        String cursor = null;
        int calls = 0;
        do {
            JsonNode result = mcp.request("resources/list", cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .result();
            list(result.path("resources")).forEach(resource -> {
                assertThat(resource.path("mimeType").asText()).isEqualTo("text/markdown");
                assertThat(resource.path("name").asText()).isNotBlank();
                uris.add(resource.path("uri").asText());
            });
            cursor = result.path("nextCursor").isTextual() ? result.path("nextCursor").asText() : null;
            calls++;
        } while (cursor != null && calls < 10);
        assertThat(calls).isEqualTo(2);
        assertThat(uris).hasSize(count + 1).doesNotHaveDuplicates()
                .contains("wiki://" + wiki.wiki().id() + "/Home", "wiki://" + wiki.wiki().id() + "/notes/n104");

        JsonNode templates = mcp.request("resources/templates/list", Map.of()).result();
        assertThat(templates.path("resourceTemplates").path(0).path("uriTemplate").asText())
                .isEqualTo("wiki://{wiki}/{+path}");

        JsonNode read = mcp.request("resources/read", Map.of("uri", "wiki://" + wiki.wiki().id() + "/notes/n007"))
                .result();
        assertThat(read.path("contents").path(0).path("text").asText()).isEqualTo("# Note 7");
        assertThat(read.path("contents").path(0).path("mimeType").asText()).isEqualTo("text/markdown");

        TestWiki other = Fixtures.newWiki(wiki.owner(), false);
        other.pages(wiki.owner().client()).create("Home", "secret");
        assertThat(mcp.request("resources/read", Map.of("uri", "wiki://" + other.id() + "/Home")).error()
                .path("code").asInt()).isEqualTo(-32002);
        assertThat(mcp.request("resources/read", Map.of("uri", "wiki://" + wiki.wiki().id() + "/nope")).error()
                .path("code").asInt()).isEqualTo(-32002);
    }

    @Test
    void initializeNegotiatesTheProtocolRevision() {
        McpWiki wiki = McpWiki.create();
        for (String version : List.of("2025-11-25", "2025-06-18", "2025-03-26")) {
            McpHttp client = McpHttp.of(wiki.wiki(), wiki.editor());
            JsonNode result = client.request("initialize", Map.of("protocolVersion", version, "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "it", "version", "1"))).result();
            assertThat(result.path("protocolVersion").asText()).isEqualTo(version);
            assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("wikifarm");
            assertThat(result.path("capabilities").has("tools")).isTrue();
            assertThat(result.path("capabilities").has("resources")).isTrue();
        }
        JsonNode future = McpHttp.of(wiki.wiki(), wiki.editor()).request("initialize", Map.of("protocolVersion",
                "2099-01-01", "capabilities", Map.of(), "clientInfo", Map.of("name", "it", "version", "1"))).result();
        assertThat(future.path("protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    @Test
    void everyToolHasSchemasAndAnnotations() {
        McpWiki wiki = McpWiki.create();
        for (JsonNode tool : list(wiki.editorSession().request("tools/list", Map.of()).result().path("tools"))) {
            String name = tool.path("name").asText();
            assertThat(tool.path("inputSchema").path("type").asText()).as(name).isEqualTo("object");
            assertThat(tool.path("outputSchema").path("type").asText()).as(name).isEqualTo("object");
            assertThat(tool.path("description").asText()).as(name).isNotBlank();
            JsonNode annotations = tool.path("annotations");
            boolean readOnly = READ_TOOLS.contains(name);
            assertThat(annotations.path("readOnlyHint").asBoolean()).as(name).isEqualTo(readOnly);
            assertThat(annotations.path("destructiveHint").asBoolean()).as(name).isEqualTo(!readOnly);
            assertThat(annotations.has("idempotentHint")).as(name).isTrue();
        }
    }

    static List<String> toolNames(McpHttp client) {
        return list(client.request("tools/list", Map.of()).result().path("tools")).stream()
                .map(tool -> tool.path("name").asText()).sorted().toList();
    }

    static List<String> sorted(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.stream().sorted().toList();
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** Polls the wiki's search status (as its owner) until its queue is empty and the model has loaded. */
    static void awaitIndexed(McpWiki wiki) {
        ApiClient owner = wiki.owner().client();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        JsonNode status;
        do {
            status = owner.get(wiki.wiki().api() + "/search/status").expect(200).json();
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && !"warming_up".equals(status.path("semantic").asText())) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish: " + status);
    }
}
