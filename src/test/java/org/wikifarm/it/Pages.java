package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The page endpoints of one wiki, called as one user. Methods return raw responses unless named for a result. */
public final class Pages {
    private final ApiClient client;
    private final TestWiki wiki;

    public Pages(ApiClient client, TestWiki wiki) {
        this.client = client;
        this.wiki = wiki;
    }

    public ApiResponse get(String path) {
        return client.get(wiki.page(path));
    }

    public ApiResponse getAt(String path, String revision) {
        return client.get(wiki.page(path) + "?revision=" + Fixtures.encodeQuery(revision));
    }

    /** PUT a page; {@code revision} may be null (creating). */
    public ApiResponse put(String path, String content, String revision) {
        return client.put(wiki.page(path), body(content, revision, "edit " + path));
    }

    public static Map<String, Object> body(String content, String revision, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", content);
        if (revision != null) {
            body.put("revision", revision);
        }
        if (message != null) {
            body.put("message", message);
        }
        return body;
    }

    /** Creates a page (expects 201) and returns its revision. */
    public String create(String path, String content) {
        ApiResponse created = put(path, content, null).expect(201);
        assertThat(created.text("path")).isEqualTo(path);
        assertThat(created.text("content")).isEqualTo(content);
        return created.text("revision");
    }

    /** Updates a page from {@code revision} (expects 200) and returns the new revision. */
    public String update(String path, String content, String revision) {
        ApiResponse updated = put(path, content, revision).expect(200);
        assertThat(updated.text("content")).isEqualTo(content);
        return updated.text("revision");
    }

    public ApiResponse delete(String path) {
        return client.delete(wiki.page(path));
    }

    public ApiResponse rename(String path, String newPath) {
        return client.post(wiki.page(path) + "/rename", Map.of("new_path", newPath, "message", "move " + path));
    }

    public ApiResponse revert(String path, String revision) {
        return client.post(wiki.page(path) + "/revert", Map.of("revision", revision));
    }

    public ApiResponse history(String path) {
        return client.get(wiki.page(path) + "/history");
    }

    /** The revisions in a page's history, newest first (expects 200), without the set-up of {@link Fixtures#newWiki}. */
    public List<String> historyRevisions(String path) {
        return history(path).expect(200).array("changes").stream().filter(Pages::notSetUp)
                .map(c -> c.path("revision").asText()).toList();
    }

    /** Whether a change is not one of the two commits that {@link Fixtures#newWiki} starts a test's wiki with. */
    public static boolean notSetUp(JsonNode change) {
        String message = change.path("message").asText();
        return !message.equals(Fixtures.FIRST_HOME) && !message.equals(Fixtures.EMPTY_WIKI);
    }

    public ApiResponse diff(String path, String from, String to) {
        String query = "?from=" + Fixtures.encodeQuery(from) + (to == null ? "" : "&to=" + Fixtures.encodeQuery(to));
        return client.get(wiki.page(path) + "/diff" + query);
    }

    public ApiResponse links(String path) {
        return client.get(wiki.page(path) + "/links");
    }

    public ApiResponse list(String prefix) {
        return client.get(wiki.api() + "/pages" + (prefix == null ? "" : "?prefix=" + Fixtures.encodeQuery(prefix)));
    }

    /** The paths of every page (expects 200), in the server's order. */
    public List<String> paths(String prefix) {
        ApiResponse list = list(prefix).expect(200);
        List<String> paths = list.array("pages").stream().map(p -> p.path("path").asText()).toList();
        assertThat(list.json().path("count").asInt(-1)).as("count in %s", list).isEqualTo(paths.size());
        return paths;
    }

    public ApiResponse changelog(int limit) {
        return client.get(wiki.api() + "/changelog?limit=" + limit);
    }

    /** The whole changelog (up to 1000 changes), newest first, without the set-up of {@link Fixtures#newWiki}. */
    public List<JsonNode> changes() {
        return changelog(1000).expect(200).array("changes").stream().filter(Pages::notSetUp).toList();
    }

    public List<String> changelogRevisions() {
        return changes().stream().map(c -> c.path("revision").asText()).toList();
    }
}
