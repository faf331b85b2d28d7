package org.wikifarm.mcp;

import static org.wikifarm.mcp.ToolResults.date;
import static org.wikifarm.mcp.ToolResults.ok;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.wikifarm.page.Page;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.Renamed;
import org.wikifarm.page.RevisionId;
import org.wikifarm.page.Saved;

/**
 * The tools that change pages, all through {@link PageService} with the caller's token: it checks WRITE (a viewer
 * token or a lapsed wiki is refused there), writes with the revision the assistant read as the expected base, and
 * records the token's name as the commit's author.
 */
final class WriteTools {
    private final PageService pages;

    WriteTools(PageService pages) {
        this.pages = pages;
    }

    Map<String, WikiTools.Handler> handlers() {
        return Map.of("write_note", this::writeNote, "edit_note", this::editNote, "rename_note", this::renameNote,
                "delete_note", this::deleteNote, "restore_note", this::restoreNote);
    }

    record Written(String path, String revision, boolean created, String author, String date) {
    }

    CallToolResult writeNote(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        Saved saved = pages.save(c.caller(), c.wiki(), path, args.string("content"), args.optional("revision"),
                args.optional("commit_message"));
        Page page = saved.page();
        return ok(new Written(path.value(), page.revision(), saved.created(), page.author(), date(page.date())));
    }

    record Edited(String path, String revision, String previousRevision, String author, String date) {
    }

    /**
     * Replaces the one occurrence of {@code old_string} in the page as of {@code revision}: the service checks the
     * revision and matches the text against the same commit, under the wiki's write lock.
     */
    CallToolResult editNote(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        String base = RevisionId.check(args.string("revision"));
        Page page = pages.edit(c.caller(), c.wiki(), path, base, args.string("old_string"), args.string("new_string"),
                args.optional("commit_message")).page();
        return ok(new Edited(path.value(), page.revision(), base, page.author(), date(page.date())));
    }

    record Moved(String path, String previousPath, String revision, List<String> relinked) {
    }

    CallToolResult renameNote(WikiCaller c, Arguments args) {
        PagePath from = args.path("path");
        PagePath to = args.path("new_path");
        Renamed renamed = pages.rename(c.caller(), c.wiki(), from, to,
                args.optional("commit_message"), args.flag("update_links"));
        return ok(new Moved(renamed.page().path().value(), from.value(), renamed.revision(),
                renamed.relinked().stream().map(PagePath::value).toList()));
    }

    record Deleted(String path, String revision, boolean deleted) {
    }

    CallToolResult deleteNote(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        String revision = pages.delete(c.caller(), c.wiki(), path, null, args.optional("commit_message"));
        return ok(new Deleted(path.value(), revision, true));
    }

    record Restored(String path, String revision, String author, String date) {
    }

    CallToolResult restoreNote(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        Page page = pages.restore(c.caller(), c.wiki(), path, args.optional("commit_message")).page();
        return ok(new Restored(path.value(), page.revision(), page.author(), date(page.date())));
    }
}
