package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Files attached to pages (docs/benchmarks.md, "Attachments"), over loopback HTTP with a wiki token: (a) upload
 * throughput of 1 MB files (raw {@code PUT …/attachments/{name}}, each a new commit with a new blob of random bytes,
 * so nothing compresses), with 1 and with 4 clients on one wiki; (b) a thumbnail made (a cache miss: a width not
 * asked for before, so the 2,400 × 1,600 PNG is read from git, its header checked, decoded subsampled and scaled)
 * against a thumbnail served from the memory cache (a hit: the permission decision, the file's id from the tree, the
 * kept bytes). Every loop is bounded by a count and a deadline. Prints the figures; fails only on a wrong answer.
 */
class AttachmentBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final int FILE_BYTES = 1024 * 1024;
    private static final int UPLOADS = Integer.getInteger("wikifarm.bench.uploads", 40);
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final int MISSES = 30;
    private static final int HITS = 300;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void uploadsAndThumbnails() throws Exception {
        BenchClient admin = BenchAccount.admin(BASE);
        BenchFarm farm = new BenchFarm(admin, BenchAccount.USERNAME);
        String wiki = farm.createWiki("attachments");
        unlimited(admin, "attachments");
        farm.writePage(wiki, "Files", BenchFarm.PAGE_TEXT, null);
        String token = "Bearer " + admin.post(wiki + "/api/v1/tokens", Map.of("name", "bench-files", "role",
                "editor")).expect(201).text("secret");
        String files = wiki + "/api/v1/pages/Files/attachments/";
        List<String> failures = new ArrayList<>();

        String load = MarkdownReport.loadAverage();
        Result one = uploads(files, token, 1, "one", failures);
        Result four = uploads(files, token, 4, "four", failures);
        System.out.printf(Locale.ROOT, "bench: uploads of 1 MB files, 1 client: %d in %.1f s = %.1f files/s"
                        + " (%.1f MB/s), median %s ms, p90 %s ms; 4 clients: %d in %.1f s = %.1f files/s (%.1f MB/s),"
                        + " median %s ms, p90 %s ms; load before %s%n", one.count, one.seconds, one.perSecond(),
                one.perSecond(), Stats.ms(one.stats.medianMillis()), Stats.ms(one.stats.millis(90)), four.count,
                four.seconds, four.perSecond(), four.perSecond(), Stats.ms(four.stats.medianMillis()),
                Stats.ms(four.stats.millis(90)), load);

        byte[] picture = png(2400, 1600);
        expect(send("PUT", files + "photo.png", token, picture), 201, failures);
        long[] misses = new long[MISSES];
        int missCount = 0;
        long deadline = System.nanoTime() + LIMIT.toNanos();
        for (int i = 0; i < MISSES && System.nanoTime() < deadline; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> made = send("GET", files + "photo.png?thumb=" + (100 + i), token, null);
            misses[missCount++] = System.nanoTime() - start;
            expect(made, 200, failures);
        }
        long[] hits = new long[HITS];
        int hitCount = 0;
        deadline = System.nanoTime() + LIMIT.toNanos();
        for (int i = 0; i < HITS && System.nanoTime() < deadline; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> kept = send("GET", files + "photo.png?thumb=" + (100 + i % 10), token, null);
            hits[hitCount++] = System.nanoTime() - start;
            expect(kept, 200, failures);
        }
        long[] originals = new long[50];
        int originalCount = 0;
        for (int i = 0; i < originals.length; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> whole = send("GET", files + "photo.png", token, null);
            originals[originalCount++] = System.nanoTime() - start;
            expect(whole, 200, failures);
        }
        Stats miss = Stats.of(java.util.Arrays.copyOf(misses, missCount));
        Stats hit = Stats.of(java.util.Arrays.copyOf(hits, hitCount));
        Stats original = Stats.of(java.util.Arrays.copyOf(originals, originalCount));
        System.out.printf(Locale.ROOT, "bench: thumbnails of a 2400x1600 PNG (%d bytes): miss median %s ms, p90 %s ms"
                        + " (%d); hit median %s ms, p90 %s ms (%d); the original file median %s ms (%d); load after %s%n",
                picture.length, Stats.ms(miss.medianMillis()), Stats.ms(miss.millis(90)), miss.count(),
                Stats.ms(hit.medianMillis()), Stats.ms(hit.millis(90)), hit.count(),
                Stats.ms(original.medianMillis()), original.count(), MarkdownReport.loadAverage());
        if (!failures.isEmpty()) {
            throw new AssertionError("The server answered wrongly during the benchmark: " + failures.subList(0,
                    Math.min(5, failures.size())));
        }
    }

    private record Result(int count, double seconds, Stats stats) {
        double perSecond() {
            return seconds == 0 ? 0 : count / seconds;
        }
    }

    /** {@code UPLOADS} files of 1 MB by {@code clients} threads, each file new random bytes. */
    private static Result uploads(String files, String token, int clients, String prefix, List<String> failures)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Long>>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                List<Long> times = new ArrayList<>();
                Random random = new Random(next.get() * 31L + clients);
                byte[] content = new byte[FILE_BYTES];
                for (int i = next.getAndIncrement(); i < UPLOADS && System.nanoTime() < deadline;
                     i = next.getAndIncrement()) {
                    random.nextBytes(content);
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> answer = send("PUT", files + prefix + "-" + i + ".bin", token, content);
                    times.add(System.nanoTime() - t0);
                    synchronized (failures) {
                        expect(answer, 201, failures);
                    }
                }
                return times;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> each : done) {
            all.addAll(each.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(all.size(), seconds, Stats.of(all.stream().mapToLong(Long::longValue).toArray()));
    }

    private static HttpResponse<byte[]> send(String method, String path, String token, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/octet-stream");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<byte[]> answer, int status, List<String> failures) {
        if (answer.statusCode() != status) {
            failures.add(answer.request().method() + " " + answer.uri() + ": " + answer.statusCode() + " "
                    + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A photo-like PNG: a gradient with noise, so it neither compresses to nothing nor is trivial to decode. */
    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), width, height, new Color(230, 160, 40)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        Random random = new Random(7);
        for (int i = 0; i < width * height / 20; i++) {
            image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt(0xffffff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Gives the bench account's wiki {@code slug} no limits (docs/quotas.md), as a platform admin may. */
    private static void unlimited(BenchClient admin, String slug) {
        for (JsonNode wiki : admin.get("/api/v1/admin/wikis?sort=created&limit=1000").expect(200).json()
                .path("wikis")) {
            if (slug.equals(wiki.path("slug").asText()) && BenchAccount.USERNAME.equals(wiki.path("owner").asText())) {
                admin.put("/api/v1/admin/wikis/" + wiki.path("id").asText() + "/limits",
                        Map.of("bytes", 0, "pages", 0)).expect(200);
                return;
            }
        }
        throw new AssertionError("GET /api/v1/admin/wikis does not list the wiki " + slug);
    }
}
