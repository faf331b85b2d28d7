package org.wikifarm.mcp;

import static org.wikifarm.mcp.ToolResults.date;
import static org.wikifarm.mcp.ToolResults.failure;
import static org.wikifarm.mcp.ToolResults.ok;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import org.wikifarm.page.Page;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.page.RevisionId;
import org.wikifarm.page.StaleRevisionException;

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
                "delete_note", this::deleteNote);
    }

    record Written(String path, String revision, boolean created, String author, String date) {
    }

    CallToolResult writeNote(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        PageService.Saved saved = pages.save(c.caller(), c.wiki(), path, args.string("content"),
                args.optional("revision"), args.optional("commit_message"));
        Page page = saved.page();
        return ok(new Written(path.value(), page.revision(), saved.created(), page.author(), date(page.date())));
    }

    record Edited(String path, String revision, String previousRevision, String author, String date) {
    }

    /**
     * Replaces the one occurrence of {@code old_string} in the page as of {@code revision}. The page is read at its
     * current revision first so that a stale base is reported before anything is matched; the save then names the
     * same base, so an edit that slips in between is refused too.
     */
    CallToolResult editNote(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        String base = RevisionId.check(args.string("revision"));
        pages.requireWrite(c.caller(), c.wiki());
        Page current = pages.read(c.caller(), c.wiki(), path, null);
        if (!current.revision().equals(base)) {
            throw new StaleRevisionException(base, current.revision());
        }
        String oldString = args.string("old_string");
        int found = occurrences(current.content(), oldString);
        if (found != 1) {
            return failure(found == 0
                    ? "old_string was not found in '" + path + "' at revision " + base + ". It must match the page's"
                            + " text exactly, whitespace and line breaks included: read_note the page and copy the"
                            + " passage from it."
                    : "old_string occurs " + found + " times in '" + path + "'; it must occur exactly once. Include"
                            + " more of the text around it to make it unique.");
        }
        int at = current.content().indexOf(oldString);
        String content = current.content().substring(0, at) + args.string("new_string")
                + current.content().substring(at + oldString.length());
        Page saved = pages.save(c.caller(), c.wiki(), path, content, base, args.optional("commit_message")).page();
        return ok(new Edited(path.value(), saved.revision(), base, saved.author(), date(saved.date())));
    }

    /** Occurrences of {@code needle}, overlapping ones included ({@code "aa"} is twice in {@code "aaa"}). */
    static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    record Renamed(String path, String previousPath, String revision) {
    }

    CallToolResult renameNote(WikiCaller c, Arguments args) {
        PagePath from = args.path("path");
        PagePath to = args.path("new_path");
        Page page = pages.rename(c.caller(), c.wiki(), from, to, args.optional("commit_message"));
        return ok(new Renamed(page.path().value(), from.value(), page.revision()));
    }

    record Deleted(String path, String revision, boolean deleted) {
    }

    CallToolResult deleteNote(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        String revision = pages.delete(c.caller(), c.wiki(), path, null, args.optional("commit_message"));
        return ok(new Deleted(path.value(), revision, true));
    }
}
