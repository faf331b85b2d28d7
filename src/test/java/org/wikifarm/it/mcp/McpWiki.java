package org.wikifarm.it.mcp;

import java.util.Map;
import org.wikifarm.it.Fixtures;
import org.wikifarm.it.TestUser;
import org.wikifarm.it.TestWiki;

/** A fresh private wiki with an editor token and a viewer token, for one MCP test. */
record McpWiki(TestUser owner, TestWiki wiki, String editorName, String editor, String viewer) {

    static McpWiki create() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        String editorName = Fixtures.randomName("assistant-", 6);
        return new McpWiki(owner, wiki, editorName, token(owner, wiki, editorName, "editor"),
                token(owner, wiki, Fixtures.randomName("reader-", 6), "viewer"));
    }

    static String token(TestUser owner, TestWiki wiki, String name, String role) {
        return owner.client().post(wiki.api() + "/tokens", Map.of("name", name, "role", role)).expect(201)
                .text("secret");
    }

    /** A client with the editor token, session initialized. */
    McpHttp editorSession() {
        McpHttp client = McpHttp.of(wiki, editor);
        client.initialize();
        return client;
    }

    McpHttp viewerSession() {
        McpHttp client = McpHttp.of(wiki, viewer);
        client.initialize();
        return client;
    }
}
