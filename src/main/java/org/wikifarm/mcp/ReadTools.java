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
import java.util.List;
import java.util.Map;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.limit.JsonSize;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.limit.Text;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.Change;
import org.wikifarm.page.Page;
import org.wikifarm.page.PageFilter;
import org.wikifarm.page.PageLinks;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageService;
import org.wikifarm.search.SearchHit;
import org.wikifarm.search.SearchResults;
import org.wikifarm.search.SearchService;

/**
 * The tools that only read: each is one call to {@link PageService} or {@link SearchService}. Every list they
 * answer fits in a third of {@code maxListBytes} (a result carries its JSON twice, as structured content and as text,
 * and the text copy escapes it again), and says {@code truncated} when it was cut.
 */
final class ReadTools {
    /** How much of a matching passage semantic_search shows. */
    static final int MAX_PASSAGE_CHARS = 2_000;

    private final PageService pages;
    private final SearchService search;
    private final long budget;
    private final int maxListed;

    private final java.util.function.Function<org.wikifarm.store.TenantId, WikiLinkOrder> linkOrders;

    ReadTools(PageService pages, SearchService search, Settings.Limits limits,
              java.util.function.Function<org.wikifarm.store.TenantId, WikiLinkOrder> linkOrders) {
        this.linkOrders = linkOrders;
        this.pages = pages;
        this.search = search;
        this.budget = limits.maxListBytes() / 3;
        this.maxListed = limits.maxListItems();
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
        WikiLinkOrder order = linkOrders.apply(c.wiki().id());
        List<String> sections = Sections.list(page.content(), order);
        String content = page.content();
        if (section != null) {
            Sections.Found found = Sections.find(content, section, order);
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
        PageFilter filter = new PageFilter(args.optional("category"), args.optional("tag"));
        List<Listed> listed = pages.changedSince(c.caller(), c.wiki(), args.string("prefix"),
                since == null ? null : parseSince(since), filter).stream()
                .map(page -> new Listed(page.path().value(), date(page.updated()))).toList();
        ListBudget.Fitted<Listed> shown = ListBudget.fit(listed, budget, maxListed,
                page -> JsonSize.field(page.path()) + JsonSize.field(page.updated()));
        return ok(new Listing(shown.items(), listed.size(), shown.truncated()));
    }

    static Instant parseSince(String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("invalid_date", "updated_since must be an ISO-8601 date ('2026-03-08') or date and"
                    + " time ('2026-03-08T14:00:00Z'), not '" + Text.head(value, ToolLimits.MAX_DATE_CHARS) + "'.");
        }
    }

    record TextHit(String path, double score, String snippet) {
    }

    record TextResults(String query, List<TextHit> hits, boolean truncated) {
    }

    CallToolResult searchNotes(WikiCaller c, Arguments args) {
        SearchResults results = search.search(c.caller(), c.wiki(), args.string("query"), "text",
                args.integer("limit", SearchService.DEFAULT_LIMIT));
        ListBudget.Fitted<TextHit> hits = ListBudget.fit(results.hits().stream()
                .map(hit -> new TextHit(hit.path(), hit.score(), ToolResults.plainSnippet(hit.snippet()))).toList(),
                budget, maxListed, hit -> JsonSize.field(hit.path()) + JsonSize.field(hit.snippet()) + JsonSize.FIELD);
        return ok(new TextResults(results.query(), hits.items(), hits.truncated()));
    }

    record Passage(String breadcrumb, String text, double similarity) {
    }

    record SemanticHit(String path, double score, String snippet, List<Passage> chunks) {
    }

    record SemanticResults(String query, String mode, String semantic, List<SemanticHit> hits, boolean truncated) {
    }

    CallToolResult semanticSearch(WikiCaller c, Arguments args) {
        int chunks = args.integer("max_chunks_per_page", 2);
        SearchResults results = search.search(c.caller(), c.wiki(), args.string("query"), "semantic",
                args.integer("n", 5));
        ListBudget.Fitted<SemanticHit> hits = ListBudget.fit(results.hits().stream().map(hit -> new SemanticHit(
                hit.path(), hit.score(), ToolResults.plainSnippet(hit.snippet()), passages(hit, chunks))).toList(),
                budget, maxListed, ReadTools::size);
        return ok(new SemanticResults(results.query(), results.mode(), results.semantic(), hits.items(),
                hits.truncated()));
    }

    private static long size(SemanticHit hit) {
        long size = JsonSize.field(hit.path()) + JsonSize.field(hit.snippet()) + 2L * JsonSize.FIELD;
        for (Passage passage : hit.chunks()) {
            size += ListBudget.ITEM + JsonSize.field(passage.breadcrumb()) + JsonSize.field(passage.text())
                    + JsonSize.FIELD;
        }
        return size;
    }

    /** The best passages, each cut to {@link #MAX_PASSAGE_CHARS}: a passage is as long as the page made it. */
    private static List<Passage> passages(SearchHit hit, int max) {
        return hit.chunks().stream().limit(max).map(chunk -> new Passage(chunk.breadcrumb(),
                Text.head(chunk.text(), MAX_PASSAGE_CHARS), chunk.similarity())).toList();
    }

    record ChangedPage(String path, String kind, String oldPath) {
    }

    record ChangeEntry(String revision, String author, String date, String message, List<ChangedPage> pages,
                       boolean messageTruncated, boolean pagesTruncated) {
        static ChangeEntry of(Change change) {
            return new ChangeEntry(change.revision(), change.author(), ToolResults.date(change.date()), change.message(),
                    change.pages().stream().map(file -> new ChangedPage(file.path().value(), file.kind().name(),
                            file.oldPath() == null ? null : file.oldPath().value())).toList(),
                    change.messageTruncated(), change.pagesTruncated());
        }
    }

    record History(String path, List<ChangeEntry> changes, boolean truncated) {
    }

    CallToolResult getHistory(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        PageService.Changes changes = pages.history(c.caller(), c.wiki(), path, args.integer("limit", 10), budget);
        return ok(new History(path.value(), changes.changes().stream().map(ChangeEntry::of).toList(),
                changes.truncated()));
    }

    record RecentChanges(List<ChangeEntry> changes, boolean truncated) {
    }

    CallToolResult getRecentChanges(WikiCaller c, Arguments args) {
        PageService.Changes changes = pages.changelog(c.caller(), c.wiki(), args.integer("limit", 20), null, budget);
        return ok(new RecentChanges(changes.changes().stream().map(ChangeEntry::of).toList(), changes.truncated()));
    }

    record Links(String path, List<String> outgoing, List<String> backlinks, boolean truncated) {
    }

    /** Each of the two lists gets half of the budget: a page can link to thousands of pages. */
    CallToolResult getLinks(WikiCaller c, Arguments args) {
        PagePath path = args.path("path");
        PageLinks links = pages.links(c.caller(), c.wiki(), path);
        ListBudget.Fitted<String> outgoing = paths(links.outgoing(), budget / 2);
        ListBudget.Fitted<String> backlinks = paths(links.backlinks(), budget / 2);
        return ok(new Links(path.value(), outgoing.items(), backlinks.items(),
                outgoing.truncated() || backlinks.truncated()));
    }

    private ListBudget.Fitted<String> paths(List<PagePath> paths, long maxBytes) {
        return ListBudget.fit(paths.stream().map(PagePath::value).toList(), maxBytes, maxListed, JsonSize::of);
    }

    record Orphans(List<String> orphans, int count, boolean truncated) {
    }

    CallToolResult findOrphanedNotes(WikiCaller c, Arguments args) {
        List<String> orphans = pages.orphans(c.caller(), c.wiki()).stream().map(PagePath::value).toList();
        ListBudget.Fitted<String> shown = ListBudget.fit(orphans, budget, maxListed, JsonSize::of);
        return ok(new Orphans(shown.items(), orphans.size(), shown.truncated()));
    }
}
