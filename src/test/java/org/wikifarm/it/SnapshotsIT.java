package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * A wiki's snapshots through the real REST API of the built WAR in Tomcat: taken while the wiki is being read, listed,
 * downloaded as a zip, deleted, restored over the wiki (later pages gone, search rebuilt), restored as a new wiki;
 * a truncated snapshot (400) and one of another wiki (409) leave the wiki as it was; two restores at once give one
 * 409; and no route of one wiki reaches another wiki's snapshots.
 */
class SnapshotsIT {
    private static String snapshots(TestWiki wiki) {
        return wiki.api() + "/snapshots";
    }

    private static Path snapshotDir(TestWiki wiki, String id) {
        return Fixtures.DATA.resolve("wikis").resolve(wiki.id()).resolve("snapshots").resolve(id);
    }

    private static String take(TestUser owner, TestWiki wiki) {
        ApiResponse taken = owner.client().post(snapshots(wiki), Map.of()).expect(201);
        assertThat(taken.text("wiki")).isEqualTo(wiki.id());
        assertThat(taken.text("commit")).matches("[0-9a-f]{40}");
        return taken.text("id");
    }

    @Test
    void aSnapshotTakenWhileReadersReadRestoresTheWikiAsItWas() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        String home = pages.create("Home", "# Home\nthe xylophonist version\n");
        for (int i = 0; i < 20; i++) {
            pages.create("notes/n" + i, "note " + i + "\n");
        }

        AtomicBoolean reading = new AtomicBoolean(true);
        CompletableFuture<List<Integer>> reader = CompletableFuture.supplyAsync(() -> {
            List<Integer> statuses = new ArrayList<>();
            while (reading.get() || statuses.isEmpty()) {
                statuses.add(pages.get("notes/n3").status());
            }
            return statuses;
        });
        String id = take(owner, wiki);
        reading.set(false);
        assertThat(reader.get()).as("reads while the snapshot ran").containsOnly(200);

        ApiResponse listed = owner.client().get(snapshots(wiki)).expect(200);
        assertThat(listed.array("snapshots")).extracting(s -> s.path("id").asText()).containsExactly(id);
        JsonNode one = owner.client().get(snapshots(wiki) + "/" + id).expect(200).json();
        assertThat(one.path("schema_version").asInt()).isPositive();
        assertThat(one.path("files").path("wiki.db").path("sha256").asText()).hasSize(64);

        pages.update("Home", "# Home\nthe trombonist version\n", home);
        pages.create("Later", "written after the snapshot\n");

        ApiResponse restored = owner.client().post(snapshots(wiki) + "/" + id + "/restore", Map.of()).expect(200);
        assertThat(restored.text("commit")).isEqualTo(one.path("commit").asText());
        assertThat(pages.get("Home").expect(200).text("content")).isEqualTo("# Home\nthe xylophonist version\n");
        pages.get("Later").expect(404);
        assertThat(pages.get("notes/n19").expect(200).text("content")).isEqualTo("note 19\n");
        // The search index is rebuilt from the restored pages.
        assertThat(searchUntil(owner, wiki, "xylophonist", true)).isTrue();
        assertThat(searchUntil(owner, wiki, "trombonist", false)).isTrue();
        // Writable again on top of the restored history.
        pages.create("Later", "after the restore\n");
    }

    /** Polls the text search until {@code word} is found (or no longer found); false if it never is. */
    private static boolean searchUntil(TestUser owner, TestWiki wiki, String word, boolean found) throws Exception {
        for (int attempt = 0; attempt < 150; attempt++) {
            ApiResponse hits = owner.client().get(wiki.api() + "/search?q=" + word + "&mode=text");
            if (hits.status() == 200 && hits.array("hits").isEmpty() != found) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Test
    void theDownloadIsAZipOfTheSnapshotAndDeleteRemovesIt() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        wiki.pages(owner.client()).create("Home", "zipped\n");
        String id = take(owner, wiki);

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ApiClient.BASE + snapshots(wiki) + "/" + id + "/download"))
                .header("Authorization", basic(owner)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment").contains(wiki.slug() + "-" + id + ".zip");
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(download.body()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        String prefix = wiki.id() + "-" + id + "/";
        assertThat(entries).containsOnlyKeys(prefix + "manifest.json", prefix + "wiki.db", prefix + "repo.bundle");
        assertThat(new String(entries.get(prefix + "manifest.json"), StandardCharsets.UTF_8)).contains(wiki.id());
        assertThat(entries.get(prefix + "wiki.db")).startsWith("SQLite format 3".getBytes(StandardCharsets.US_ASCII));
        assertThat(entries.get(prefix + "repo.bundle").length)
                .isEqualTo((int) Files.size(snapshotDir(wiki, id).resolve("repo.bundle")));

        owner.client().delete(snapshots(wiki) + "/" + id).expect(204);
        owner.client().get(snapshots(wiki) + "/" + id).expectError(404, "snapshot_not_found");
        owner.client().post(snapshots(wiki) + "/" + id + "/restore", Map.of()).expectError(404, "snapshot_not_found");
        assertThat(snapshotDir(wiki, id)).doesNotExist();
    }

    private static String basic(TestUser user) {
        return "Basic " + Base64.getEncoder().encodeToString((user.username() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSnapshotRestoredAsANewWikiIsTheCallersAndTheOriginalStays() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("Home", "the original\n");
        String id = take(owner, wiki);
        pages.create("Later", "only in the original\n");

        String slug = Fixtures.randomName("copy", 8);
        ApiResponse copy = owner.client().post(snapshots(wiki) + "/" + id + "/copy",
                Map.of("slug", slug, "display_name", "A copy")).expect(201);
        assertThat(copy.text("slug")).isEqualTo(slug);
        assertThat(copy.json().path("is_public").asBoolean()).isFalse();
        TestWiki copied = new TestWiki(copy.text("id"), owner.username(), slug, copy.json());
        assertThat(copied.id()).isNotEqualTo(wiki.id());
        Pages copyPages = copied.pages(owner.client());
        assertThat(copyPages.get("Home").expect(200).text("content")).isEqualTo("the original\n");
        copyPages.get("Later").expect(404);
        assertThat(pages.get("Later").expect(200).text("content")).isEqualTo("only in the original\n");
        ApiClient.anonymous().get(copied.page("Home")).expect(401);
        // The same name again is refused, and creates nothing.
        owner.client().post(snapshots(wiki) + "/" + id + "/copy", Map.of("slug", slug)).expectError(409, "slug_taken");
        owner.client().post(snapshots(wiki) + "/" + id + "/copy", Map.of()).expectError(400, "missing_field");
    }

    @Test
    void aTruncatedSnapshotIsRefusedAndTheWikiStaysAsItWas() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("Home", "before\n");
        for (String file : List.of("wiki.db", "repo.bundle")) {
            String id = take(owner, wiki);
            try (RandomAccessFile raf = new RandomAccessFile(snapshotDir(wiki, id).resolve(file).toFile(), "rw")) {
                raf.setLength(raf.length() / 2);
            }
            pages.create("After-" + file.replace('.', '-'), "kept\n");
            ApiResponse refused = owner.client().post(snapshots(wiki) + "/" + id + "/restore", Map.of())
                    .expectError(400, "damaged_snapshot");
            assertThat(refused.text("message")).contains(file);
            assertThat(pages.get("After-" + file.replace('.', '-')).expect(200).text("content")).isEqualTo("kept\n");
            owner.client().delete(snapshots(wiki) + "/" + id).expect(204);
        }
        Path manifestless = snapshotDir(wiki, take(owner, wiki));
        Files.delete(manifestless.resolve("manifest.json"));
        ApiResponse listed = owner.client().get(snapshots(wiki)).expect(200);
        assertThat(listed.array("snapshots").get(0).path("damaged").asBoolean()).isTrue();
        owner.client().post(snapshots(wiki) + "/" + manifestless.getFileName() + "/restore", Map.of())
                .expectError(400, "damaged_snapshot");
    }

    @Test
    void aSnapshotOfAnotherWikiIsNeverReadableOrRestorableThroughThisOne() throws Exception {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        TestWiki a = Fixtures.newWiki(alice, false);
        TestWiki b = Fixtures.newWiki(bob, false);
        a.pages(alice.client()).create("Home", "alice's secret\n");
        b.pages(bob.client()).create("Home", "bob's page\n");
        String id = take(alice, a);

        // Bob through alice's wiki: refused; through his own wiki: the id is not there.
        bob.client().get(snapshots(a)).expect(403);
        bob.client().post(snapshots(a), Map.of()).expect(403);
        bob.client().get(snapshots(a) + "/" + id + "/download").expect(403);
        bob.client().post(snapshots(a) + "/" + id + "/restore", Map.of()).expect(403);
        bob.client().post(snapshots(a) + "/" + id + "/copy", Map.of("slug", "stolen")).expect(403);
        bob.client().delete(snapshots(a) + "/" + id).expect(403);
        ApiClient.anonymous().get(snapshots(a)).expect(401);
        bob.client().get(snapshots(b) + "/" + id).expectError(404, "snapshot_not_found");
        bob.client().get(snapshots(b) + "/" + id + "/download").expectError(404, "snapshot_not_found");
        // Path tricks never leave the wiki's own snapshots folder.
        for (String trick : List.of("..", "..%2E", "%2E%2E", id + "..", "x" + id)) {
            assertThat(bob.client().get(snapshots(b) + "/" + trick + "/download").status()).as(trick).isIn(400, 404);
        }
        bob.client().get(snapshots(b) + "/" + id + "x").expectError(400, "invalid_snapshot_id");
        // A token of bob's wiki (even its owner's editor token) reaches nothing of alice's.
        String token = bob.client().post(b.api() + "/tokens", Map.of("name", "t", "role", "editor")).expect(201)
                .text("secret");
        ApiClient bobToken = ApiClient.bearer(token);
        assertThat(bobToken.get(snapshots(a)).status()).isIn(401, 403);
        assertThat(bobToken.get(snapshots(b)).status()).isEqualTo(403);

        // Alice's snapshot copied into bob's wiki's folder: refused there (409), bob's wiki untouched.
        Path foreign = snapshotDir(b, id);
        Files.createDirectories(foreign);
        try (Stream<Path> files = Files.list(snapshotDir(a, id))) {
            for (Path file : files.toList()) {
                Files.copy(file, foreign.resolve(file.getFileName()));
            }
        }
        bob.client().post(snapshots(b) + "/" + id + "/restore", Map.of()).expectError(409, "foreign_snapshot");
        bob.client().post(snapshots(b) + "/" + id + "/copy", Map.of("slug", Fixtures.randomName("s", 8)))
                .expectError(409, "foreign_snapshot");
        assertThat(b.pages(bob.client()).get("Home").expect(200).text("content")).isEqualTo("bob's page\n");
    }

    @Test
    void twoRestoresAtOnceOneIsRefusedWith409AndTheWikiIsWhole() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        for (int i = 0; i < 60; i++) {
            pages.create("p" + i, ("page " + i + "\n").repeat(200));
        }
        String id = take(owner, wiki);
        ApiClient admin = Fixtures.admin().client();
        int rounds = 0;
        boolean sawConflict = false;
        while (!sawConflict && rounds++ < 10) {
            CyclicBarrier start = new CyclicBarrier(2);
            List<CompletableFuture<ApiResponse>> both = new ArrayList<>();
            for (ApiClient client : List.of(owner.client(), admin)) {
                both.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return client.post(snapshots(wiki) + "/" + id + "/restore", Map.of());
                }));
            }
            List<ApiResponse> answers = both.stream().map(CompletableFuture::join).toList();
            assertThat(answers).extracting(ApiResponse::status).as("%s", answers).contains(200).allMatch(
                    status -> status == 200 || status == 409);
            for (ApiResponse answer : answers) {
                if (answer.status() == 409) {
                    assertThat(answer.text("error")).isIn("restore_in_progress", "wiki_restoring");
                    sawConflict = true;
                }
            }
            assertThat(pages.get("p59").expect(200).text("content")).isEqualTo("page 59\n".repeat(200));
        }
        assertThat(sawConflict).as("a second restore while one ran was refused").isTrue();
    }
}
