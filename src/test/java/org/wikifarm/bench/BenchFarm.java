package org.wikifarm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wikis the benchmarks run on, all owned by the bench account and made through the public API: numbered wikis
 * {@code n00000, n00001, …} with one page each, plus named wikis for single-wiki measurements.
 */
final class BenchFarm {
    /** About 1 KB of ordinary wiki text, with a link so the link graph has something to do. */
    static final String PAGE_TEXT = "# Benchmark page\n\n" + "Some ordinary prose for a wiki page. ".repeat(24)
            + "\n\nSee also [[Other page]] and [[Home|the home page]].\n";

    private final BenchClient client;
    private final String owner;
    private final List<String> numbered = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger created = new AtomicInteger();

    BenchFarm(BenchClient client, String owner) {
        this.client = client;
        this.owner = owner;
    }

    int size() {
        return numbered.size();
    }

    /** Every wiki made so far, numbered or named: each has been opened at least once. */
    int created() {
        return created.get();
    }

    /** The wiki base ({@code /owner/n00042}) of numbered wiki {@code index}. */
    String numbered(int index) {
        return "/" + owner + "/" + slug(index);
    }

    /**
     * Creates numbered wikis until there are {@code count}, each with a page {@code Home}. Creating and writing
     * opens every one of them, so this is also what "touching" a wiki means in the resource benchmark.
     */
    void growTo(int count, int threads, Duration limit) {
        int from = numbered.size();
        LoadGenerator.forEach(count - from, threads, limit, i -> {
            String wiki = createWiki(slug(from + i));
            writePage(wiki, "Home", PAGE_TEXT, null);
            numbered.add(wiki);
        });
    }

    /** Creates a wiki and returns its base path. */
    String createWiki(String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("is_public", false);
        BenchClient.Reply reply = client.post("/api/v1/wikis", body);
        // A creation sent again may find that its first sending did arrive.
        if (!(reply.resent() && reply.status() == 409)) {
            reply.expect(201);
        }
        created.incrementAndGet();
        return "/" + owner + "/" + slug;
    }

    /**
     * Writes a page ({@code revision} null: new, or over the page a new wiki starts with) and returns its new
     * revision.
     */
    String writePage(String wiki, String page, String content, String revision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", content);
        if (revision != null) {
            body.put("revision", revision);
        }
        BenchClient.Reply reply = client.put(pageUrl(wiki, page), body);
        if (reply.resent() && reply.status() == 409) {
            return reply.text("current_revision"); // the first sending did arrive and made this revision
        }
        if (revision == null && reply.status() == 409) {
            // A new wiki starts with a Home page of its own: write over it.
            return writePage(wiki, page, content, reply.text("current_revision"));
        }
        return reply.expect(revision == null ? 201 : 200).text("revision");
    }

    static String pageUrl(String wiki, String page) {
        return wiki + "/api/v1/pages/" + page;
    }

    private static String slug(int index) {
        return String.format("n%05d", index);
    }
}
