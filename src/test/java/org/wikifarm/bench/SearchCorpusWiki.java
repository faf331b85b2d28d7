package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bench wiki of Javadoc prose ({@link JavadocCorpus}) indexed to a number of chunks, made once and reused: if the
 * bench account already has a wiki of that slug (a kept data folder), it is only topped up to the target. Building
 * ~20,000 chunks takes 25+ minutes of embedding on two cores, so the speed benchmarks keep it between runs.
 */
final class SearchCorpusWiki {
    private static final Duration LIMIT = Duration.ofMinutes(Integer.getInteger("wikifarm.bench.searchMinutes", 90));

    /** The wiki's URL path ({@code /bench/<slug>}), its id (its folder under data/wikis) and its page count. */
    record Wiki(String base, String id, int pages, int chunks) {
    }

    private SearchCorpusWiki() {
    }

    static Wiki ensure(BenchClient client, String user, String slug, int targetChunks) {
        String base = "/" + user + "/" + slug;
        String id = existingId(client, slug);
        if (id == null) {
            id = client.post("/api/v1/wikis", Map.of("slug", slug, "is_public", false)).expect(201).text("id");
        }
        // Thousands of pages: over the default page quota of 500 (docs/quotas.md), lifted as a platform admin may.
        client.put("/api/v1/admin/wikis/" + id + "/limits", Map.of("bytes", 0, "pages", 0)).expect(200);
        JsonNode status = awaitIndexed(client, base);
        int written = client.get(base + "/api/v1/search/status").expect(200).json().path("indexed_pages").asInt();
        while (status.path("indexed_chunks").asInt() < targetChunks) {
            int chunks = status.path("indexed_chunks").asInt();
            int more = written == 0 ? 1_000 : Math.max(100, (int) ((targetChunks - chunks)
                    / Math.max(1.0, chunks / (double) written)) + 50);
            List<JavadocCorpus.Page> next = JavadocCorpus.pages(written, more);
            if (next.isEmpty()) {
                break;
            }
            put(client, base, next);
            written += next.size();
            status = awaitIndexed(client, base);
            System.out.println("search corpus wiki " + slug + ": " + written + " pages, "
                    + status.path("indexed_chunks").asInt() + " chunks");
        }
        return new Wiki(base, id, written, status.path("indexed_chunks").asInt());
    }

    /** Puts pages through the API with 4 client threads (a page already there is overwritten). */
    static void put(BenchClient client, String base, List<JavadocCorpus.Page> pages) {
        LoadGenerator.forEach(pages.size(), 4, LIMIT, i -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("content", pages.get(i).markdown());
            BenchClient.Reply reply = client.put(base + "/api/v1/pages/" + pages.get(i).path(), body);
            if (reply.status() != 201 && reply.status() != 200 && !(reply.resent() && reply.status() == 409)) {
                reply.expect(201);
            }
        });
    }

    private static String existingId(BenchClient client, String slug) {
        for (int offset = 0; ; offset += 100) {
            JsonNode wikis = client.get("/api/v1/wikis?limit=100&offset=" + offset).expect(200).json().path("wikis");
            for (JsonNode wiki : wikis) {
                if (slug.equals(wiki.path("slug").asText())) {
                    return wiki.path("id").asText();
                }
            }
            if (wikis.size() < 100) {
                return null;
            }
        }
    }

    static JsonNode awaitIndexed(BenchClient client, String base) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        JsonNode status;
        do {
            status = client.get(base + "/api/v1/search/status").expect(200).json();
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && "ready".equals(status.path("semantic").asText())) {
                return status;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish in " + LIMIT + ": " + status);
    }
}
