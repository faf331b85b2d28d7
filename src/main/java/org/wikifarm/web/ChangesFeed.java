package org.wikifarm.web;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.wikifarm.auth.CredentialsFilter;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Change;
import org.wikifarm.page.ChangedFile;
import org.wikifarm.page.PageService;

/**
 * {@code <base>/-/changes.atom}: the wiki's newest changes as an Atom feed, written by Rome (never by hand), for
 * whoever may read the wiki: anyone for a public wiki; otherwise a signed-in browser, HTTP Basic, or a bearer token
 * of this wiki (a token of another wiki is refused by {@link CredentialsFilter}). Tokens are never taken from the
 * query string: a URL with a secret ends up in logs, histories and Referer headers.
 *
 * <p>One {@link PageService#changelog} call, bounded like every list: at most {@value #ENTRIES} changes and
 * {@value #MAX_BYTES} bytes of them, each message cut at {@code maxMessageChars}. Each entry links to the diff of the
 * first page it changed. Feed readers cannot sign in through a form, so a refusal is a plain 401 with a challenge
 * (not the web UI's redirect to the login screen).
 */
public final class ChangesFeed {
    static final int ENTRIES = 50;
    static final long MAX_BYTES = 256 * 1024;
    private static final int TITLE_CHARS = 120;
    private static final int TITLE_PAGES = 3;

    private final PageService pages;

    public ChangesFeed(PageService pages) {
        this.pages = pages;
    }

    void changes(WikiRequest wiki) throws IOException {
        HttpServletResponse response = wiki.response();
        PageService.Changes changes;
        try {
            changes = pages.changelog(wiki.caller(), wiki.wiki(), ENTRIES, null, MAX_BYTES);
        } catch (WikifarmException refused) {
            int status = ErrorStatus.of(refused);
            if (status == 401) {
                response.setHeader("WWW-Authenticate", CredentialsFilter.challenge(wiki.tenant()));
            }
            response.setStatus(status);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(refused.getMessage());
            return;
        }
        String root = origin(wiki.request()) + wiki.tenant().basePath();
        SyndFeed feed = feed(wiki, root, changes.changes());
        response.setStatus(200);
        response.setContentType("application/atom+xml;charset=UTF-8");
        // A private wiki's feed is for this reader only; nothing shared may keep it.
        response.setHeader("Cache-Control", "private, no-cache");
        Writer out = response.getWriter();
        try {
            new SyndFeedOutput().output(feed, out);
        } catch (FeedException e) {
            throw new IllegalStateException("Cannot write the changes feed", e);
        }
    }

    private static SyndFeed feed(WikiRequest wiki, String root, List<Change> changes) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setEncoding("UTF-8");
        feed.setTitle(XmlText.of("Changes in " + wiki.wiki().displayName()));
        feed.setUri(root + "/-/changes.atom");
        feed.setLinks(List.of(link("self", root + "/-/changes.atom", "application/atom+xml"),
                link("alternate", root + "/-/changelog", "text/html")));
        feed.setPublishedDate(changes.isEmpty() ? new Date(0) : Date.from(changes.get(0).date()));
        List<SyndEntry> entries = new ArrayList<>();
        for (Change change : changes) {
            entries.add(entry(root, change));
        }
        feed.setEntries(entries);
        return feed;
    }

    private static SyndEntry entry(String root, Change change) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri(root + "/-/changelog#" + change.revision());
        entry.setTitle(XmlText.of(title(change)));
        entry.setAuthor(XmlText.of(change.author() == null || change.author().isBlank() ? "unknown" : change.author()));
        entry.setPublishedDate(Date.from(change.date()));
        entry.setUpdatedDate(Date.from(change.date()));
        if (!change.pages().isEmpty()) {
            ChangedFile first = change.pages().get(0);
            // The diff given only "to" is what this change did to the page (a deletion too).
            entry.setLink(root + "/-/diff/" + Urls.encodePath(first.path().value()) + "?to=" + change.revision());
        } else {
            entry.setLink(root + "/-/changelog");
        }
        SyndContent description = new SyndContentImpl();
        description.setType("text/plain");
        description.setValue(XmlText.of(summary(change)));
        entry.setDescription(description);
        return entry;
    }

    /** The pages it touched (the first few) and the first line of its message. */
    private static String title(Change change) {
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < Math.min(TITLE_PAGES, change.pages().size()); i++) {
            title.append(i == 0 ? "" : ", ").append(change.pages().get(i).path().value());
        }
        if (change.pages().size() > TITLE_PAGES || change.pagesTruncated()) {
            title.append(", …");
        }
        String message = change.message() == null ? "" : change.message().strip();
        int newline = message.indexOf('\n');
        String firstLine = newline < 0 ? message : message.substring(0, newline).strip();
        if (!firstLine.isEmpty()) {
            title.append(title.isEmpty() ? "" : ": ").append(firstLine);
        }
        if (title.isEmpty()) {
            title.append(change.revision(), 0, Math.min(10, change.revision().length()));
        }
        return cut(title.toString(), TITLE_CHARS);
    }

    /** The whole (bounded) message, then each page with what happened to it. */
    private static String summary(Change change) {
        StringBuilder text = new StringBuilder(change.message() == null ? "" : change.message());
        if (change.messageTruncated()) {
            text.append(" …");
        }
        text.append("\n\n");
        for (ChangedFile page : change.pages()) {
            text.append(page.kind().name().toLowerCase(Locale.ROOT)).append(": ").append(page.path().value());
            if (page.oldPath() != null) {
                text.append(" (from ").append(page.oldPath().value()).append(')');
            }
            text.append('\n');
        }
        if (change.pagesTruncated()) {
            text.append("…\n");
        }
        return text.toString();
    }

    private static String cut(String text, int chars) {
        if (text.codePointCount(0, text.length()) <= chars) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, chars - 1)) + "…";
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    /** Scheme, host and port the request came to (the farm's own: the tenant filter answered only its hosts). */
    private static String origin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean usual = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (usual ? "" : ":" + port);
    }
}
