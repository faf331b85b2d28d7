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
        Found match = find(current.content(), oldString);
        int found = match.count();
        if (found != 1) {
            return failure(found == 0
                    ? "old_string was not found in '" + path + "' at revision " + base + ". It must match the page's"
                            + " text exactly, whitespace and line breaks included: read_note the page and copy the"
                            + " passage from it."
                    : "old_string occurs " + found + " times in '" + path + "'; it must occur exactly once. Include"
                            + " more of the text around it to make it unique.");
        }
        int at = match.first();
        String content = current.content().substring(0, at) + args.string("new_string")
                + current.content().substring(at + oldString.length());
        Page saved = pages.save(c.caller(), c.wiki(), path, content, base, args.optional("commit_message")).page();
        return ok(new Edited(path.value(), saved.revision(), base, saved.author(), date(saved.date())));
    }

    /**
     * Occurrences of {@code needle}, overlapping ones included ({@code "aa"} is twice in {@code "aaa"}). Knuth–Morris–
     * Pratt, so the count takes time linear in both texts: {@code String.indexOf} in a loop compares naively, which is
     * quadratic for a page and a passage of one repeated character, both up to {@code maxPageBytes} long.
     */
    static int occurrences(String text, String needle) {
        return find(text, needle).count();
    }

    /** How often {@code needle} occurs, and where first (-1 when it does not). */
    record Found(int count, int first) {
    }

    static Found find(String text, String needle) {
        if (needle.isEmpty()) {
            return new Found(text.length() + 1, 0);
        }
        int[] fallback = new int[needle.length()];
        for (int i = 1, k = 0; i < needle.length(); i++) {
            while (k > 0 && needle.charAt(i) != needle.charAt(k)) {
                k = fallback[k - 1];
            }
            if (needle.charAt(i) == needle.charAt(k)) {
                k++;
            }
            fallback[i] = k;
        }
        int count = 0;
        int first = -1;
        for (int i = 0, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != needle.charAt(k)) {
                k = fallback[k - 1];
            }
            if (text.charAt(i) == needle.charAt(k)) {
                k++;
            }
            if (k == needle.length()) {
                if (count++ == 0) {
                    first = i - needle.length() + 1;
                }
                k = fallback[k - 1];
            }
        }
        return new Found(count, first);
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
