package org.wikifarm.mcp;

import static org.wikifarm.mcp.ToolResults.date;
import static org.wikifarm.mcp.ToolResults.failure;
import static org.wikifarm.mcp.ToolResults.ok;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.app.WikifarmException.InvalidInput;
import org.wikifarm.page.Change;
import org.wikifarm.page.ChangedFile;
import org.wikifarm.page.Page;
import org.wikifarm.page.PageLinks;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.search.SearchHit;
import org.wikifarm.search.SearchResults;
import org.wikifarm.search.SearchService;

/** The tools that only read: each is one or two calls to {@link PageService} or {@link SearchService}. */
final class ReadTools {
    /** list_notes and find_orphaned_notes answer at most this many pages (an assistant narrows with a prefix). */
    static final int MAX_LISTED = 2000;
    private static final PagePath HOME = new PagePath("Home");
    private static final int CHANGELOG_BATCH = 500;

    private final PageService pages;
    private final SearchService search;

    ReadTools(PageService pages, SearchService search) {
        this.pages = pages;
        this.search = search;
    }

    Map<String, WikiTools.Handler> handlers() {
        return Map.of("read_note", this::readNote, "list_notes", this::listNotes, "search_notes", this::searchNotes,
                "semantic_search", this::semanticSearch, "get_history", this::getHistory,
                "get_recent_changes", this::getRecentChanges, "get_links", this::getLinks,
                "find_orphaned_notes", this::findOrphanedNotes);
    }

    record Note(String path, String revision, String author, String date, String section, List<String> sections,
                String content) {
    }

    CallToolResult readNote(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        Page page = pages.read(c.caller(), c.wiki(), path, args.optional("revision"));
        String section = args.optional("section");
        List<String> sections = Sections.list(page.content());
        String content = page.content();
        if (section != null) {
            Sections.Found found = Sections.find(content, section);
            if (!found.found()) {
                return failure(found.candidates().isEmpty() ? "The page '" + path + "' has no headings, so no section '"
                        + section + "'; read it without section." : "The page '" + path + "' has no single section '"
                        + section + "'. Its sections: " + String.join(" | ", found.candidates()) + ".");
            }
            content = found.text();
        }
        return ok(new Note(path.value(), page.revision(), page.author(), date(page.date()), section, sections, content));
    }

    record Listed(String path, String updated) {
    }

    record Listing(List<Listed> pages, int count, boolean truncated) {
    }

    CallToolResult listNotes(WikiCaller c, Arguments args) {
        String since = args.optional("updated_since");
        List<PagePath> all = pages.list(c.caller(), c.wiki(), args.string("prefix"));
        Map<String, Instant> updated = since == null ? null : updatedSince(c, parseSince(since));
        List<Listed> listed = all.stream()
                .filter(page -> updated == null || updated.containsKey(page.value()))
                .map(page -> new Listed(page.value(), updated == null ? null : date(updated.get(page.value()))))
                .toList();
        boolean truncated = listed.size() > MAX_LISTED;
        return ok(new Listing(truncated ? listed.subList(0, MAX_LISTED) : listed, listed.size(), truncated));
    }

    /** The newest change date of every page changed since {@code from}, walking the changelog back to it. */
    private Map<String, Instant> updatedSince(WikiCaller c, Instant from) {
        Map<String, Instant> updated = new HashMap<>();
        String before = null;
        while (true) {
            List<Change> batch = pages.changelog(c.caller(), c.wiki(), CHANGELOG_BATCH, before);
            for (Change change : batch) {
                if (change.date() != null && change.date().isBefore(from)) {
                    return updated;
                }
                for (ChangedFile file : change.pages()) {
                    if (file.kind() != ChangedFile.Kind.DELETED) {
                        updated.putIfAbsent(file.path().value(), change.date());
                    }
                }
            }
            if (batch.size() < CHANGELOG_BATCH) {
                return updated;
            }
            before = batch.get(batch.size() - 1).revision();
        }
    }

    static Instant parseSince(String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("invalid_date", "updated_since must be an ISO-8601 date ('2026-03-08') or date and"
                    + " time ('2026-03-08T14:00:00Z'), not '" + value + "'.");
        }
    }

    record TextHit(String path, double score, String snippet) {
    }

    record TextResults(String query, List<TextHit> hits) {
    }

    CallToolResult searchNotes(WikiCaller c, Arguments args) {
        SearchResults results = search.search(c.caller(), c.wiki(), args.string("query"), "text",
                args.integer("limit", SearchService.DEFAULT_LIMIT));
        return ok(new TextResults(results.query(), results.hits().stream()
                .map(hit -> new TextHit(hit.path(), hit.score(), ToolResults.plainSnippet(hit.snippet()))).toList()));
    }

    record Passage(String breadcrumb, String text, double similarity) {
    }

    record SemanticHit(String path, double score, String snippet, List<Passage> chunks) {
    }

    record SemanticResults(String query, String mode, String semantic, List<SemanticHit> hits) {
    }

    CallToolResult semanticSearch(WikiCaller c, Arguments args) {
        int chunks = args.integer("max_chunks_per_page", 2);
        SearchResults results = search.search(c.caller(), c.wiki(), args.string("query"), "semantic",
                args.integer("n", 5));
        List<SemanticHit> hits = results.hits().stream().map(hit -> new SemanticHit(hit.path(), hit.score(),
                ToolResults.plainSnippet(hit.snippet()), passages(hit, chunks))).toList();
        return ok(new SemanticResults(results.query(), results.mode(), results.semantic(), hits));
    }

    private static List<Passage> passages(SearchHit hit, int max) {
        return hit.chunks().stream().limit(max)
                .map(chunk -> new Passage(chunk.breadcrumb(), chunk.text(), chunk.similarity())).toList();
    }

    record ChangedPage(String path, String kind, String oldPath) {
    }

    record ChangeEntry(String revision, String author, String date, String message, List<ChangedPage> pages) {
        static ChangeEntry of(Change change) {
            return new ChangeEntry(change.revision(), change.author(), ToolResults.date(change.date()), change.message(),
                    change.pages().stream().map(file -> new ChangedPage(file.path().value(), file.kind().name(),
                            file.oldPath() == null ? null : file.oldPath().value())).toList());
        }
    }

    record History(String path, List<ChangeEntry> changes) {
    }

    CallToolResult getHistory(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        List<Change> changes = pages.history(c.caller(), c.wiki(), path, args.integer("limit", 10));
        return ok(new History(path.value(), changes.stream().map(ChangeEntry::of).toList()));
    }

    record RecentChanges(List<ChangeEntry> changes) {
    }

    CallToolResult getRecentChanges(WikiCaller c, Arguments args) {
        List<Change> changes = pages.changelog(c.caller(), c.wiki(), args.integer("limit", 20), null);
        return ok(new RecentChanges(changes.stream().map(ChangeEntry::of).toList()));
    }

    record Links(String path, List<String> outgoing, List<String> backlinks) {
    }

    CallToolResult getLinks(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        PageLinks links = pages.links(c.caller(), c.wiki(), path);
        return ok(new Links(path.value(), links.outgoing().stream().map(PagePath::value).toList(),
                links.backlinks().stream().map(PagePath::value).toList()));
    }

    record Orphans(List<String> orphans, int count) {
    }

    CallToolResult findOrphanedNotes(WikiCaller c, Arguments args) {
        List<String> orphans = pages.list(c.caller(), c.wiki(), null).stream()
                .filter(page -> !page.equals(HOME))
                .filter(page -> pages.links(c.caller(), c.wiki(), page).backlinks().stream()
                        .allMatch(page::equals))
                .map(PagePath::value)
                .toList();
        return ok(new Orphans(orphans.size() > MAX_LISTED ? orphans.subList(0, MAX_LISTED) : orphans,
                orphans.size()));
    }
}
