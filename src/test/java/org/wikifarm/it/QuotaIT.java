package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Quotas through the real doors of the WAR in Tomcat: a write over a wiki's limit is refused before anything is
 * stored (REST 413 {@code quota_exceeded}, the editor's screen with the typed text), deletes pass over the limit,
 * and only platform admins set a wiki's own limits (API and admin screen), which touch no other wiki.
 */
class QuotaIT {
    /** Sets a wiki's own limits through the platform admin API; null leaves the default. */
    static ApiResponse setLimits(ApiClient client, TestWiki wiki, Long bytes, Integer pages) {
        Map<String, Object> body = new HashMap<>();
        body.put("bytes", bytes);
        body.put("pages", pages);
        return client.put("/api/v1/admin/wikis/" + wiki.id() + "/limits", body);
    }

    static long diskUsage(ApiClient client, TestWiki wiki) {
        return Long.parseLong(client.get(wiki.api() + "/stats").expect(200).json().path("disk_usage_bytes").asText());
    }

    @Test
    void aPageOverThePageLimitIsRefusedWith413AndNothingStored() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("One", "one\n");
        setLimits(Fixtures.admin().client(), wiki, null, 2).expect(200);
        pages.create("Two", "two\n");

        ApiResponse refused = pages.put("Three", "three\n", null).expectError(413, "quota_exceeded");
        assertThat(refused.text("message")).contains("2 pages of the 2");
        pages.get("Three").expect(404);
        assertThat(pages.paths(null)).containsExactly("One", "Two");
        // Editing an existing page adds no page: allowed at the page limit.
        String revision = pages.get("Two").expect(200).text("revision");
        pages.update("Two", "two, longer\n", revision);
    }

    @Test
    void aWriteOverTheByteLimitIsRefusedNamingUsageAndLimit() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        long used = diskUsage(owner.client(), wiki);
        long limit = used + 10_000;
        setLimits(Fixtures.admin().client(), wiki, limit, null).expect(200);

        pages.create("Small", "x".repeat(6_000));
        ApiResponse refused = pages.put("Big", "y".repeat(6_000), null).expectError(413, "quota_exceeded");
        assertThat(refused.text("message")).contains(String.format("%,d bytes", limit)).contains("adds about");
        assertThat(refused.json().size()).as("only error and message: %s", refused).isEqualTo(2);
        pages.get("Big").expect(404);
        // A smaller version of a page is allowed over the limit, so is a delete.
        String revision = pages.get("Small").expect(200).text("revision");
        pages.update("Small", "x", revision);
        pages.delete("Small").expect(200);
    }

    @Test
    void deletesAndRenamesPassOverTheLimit() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("A", "a\n");
        pages.create("B", "b\n");
        pages.create("C", "c\n");
        setLimits(Fixtures.admin().client(), wiki, 1L, 1).expect(200);

        pages.put("D", "d\n", null).expectError(413, "quota_exceeded");
        pages.rename("A", "Renamed").expect(200);
        pages.delete("B").expect(200);
        assertThat(pages.paths(null)).containsExactly("C", "Renamed");
    }

    @Test
    void concurrentCreatesNearThePageLimitCannotAllPass() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        setLimits(Fixtures.admin().client(), wiki, null, 5).expect(200);
        Pages pages = wiki.pages(owner.client());
        int writers = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String name = "Page-" + i;
            statuses.add(pool.submit(() -> {
                go.await();
                return pages.put(name, name + "\n", null).status();
            }));
        }
        go.countDown();
        java.util.List<Integer> answered = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> status : statuses) {
            answered.add(status.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(answered).filteredOn(status -> status == 200 || status == 201).hasSize(5);
        assertThat(answered).filteredOn(status -> status == 413).hasSize(writers - 5);
        assertThat(pages.paths(null)).hasSize(5);
    }

    @Test
    void theEditorKeepsTheTypedTextWithTheQuotaMessage() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        wiki.pages(owner.client()).create("Home", "# Home\n");
        setLimits(Fixtures.admin().client(), wiki, null, 1).expect(200);
        WebSession session = WebSession.signedIn(owner);
        String edit = "/" + wiki.owner() + "/" + wiki.slug() + "/-/edit/Plans";
        session.get(edit);

        String typed = "# Plans\n\nA long text the person typed & must not lose <3\n";
        ApiResponse failed = session.submit(edit, Map.of("content", typed, "revision", "", "message", "my words"));

        assertThat(failed.status()).as("%s", failed.describe()).isEqualTo(413);
        Document screen = Jsoup.parse(failed.body());
        assertThat(screen.getElementById("content").wholeText()).isEqualTo(typed);
        assertThat(screen.getElementById("message").attr("value")).isEqualTo("my words");
        assertThat(screen.getElementById("save-problem").text()).contains("1 pages of the 1")
                .contains("Your text is still here");
        wiki.pages(owner.client()).get("Plans").expect(404);
    }

    @Test
    void onlyPlatformAdminsSetLimitsAndALimitTouchesOneWiki() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        TestWiki other = Fixtures.newWiki(owner, false);

        setLimits(owner.client(), wiki, null, 0).expectError(403, "forbidden");
        setLimits(ApiClient.anonymous(), wiki, null, 0).expect(401);
        WebSession ownerWeb = WebSession.signedIn(owner);
        ApiResponse form = ownerWeb.submit("/admin/limits", Map.of("wiki_id", wiki.id(), "bytes_limit_mb", "",
                "pages_limit", "7"));
        assertThat(form.status()).as("%s", form.describe()).isEqualTo(403);
        assertThat(owner.client().get(wiki.api() + "/stats").expect(200).json().path("own_limits").asText()).isEqualTo("false");

        WebSession admin = WebSession.signedIn(Fixtures.admin());
        ApiResponse done = admin.submit("/admin/limits", Map.of("wiki_id", wiki.id(), "bytes_limit_mb", "3",
                "pages_limit", "7"));
        assertThat(done.status()).as("%s", done.describe()).isEqualTo(303);
        assertThat(done.header("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/admin?done=limits"));
        ApiResponse listed = admin.get("/admin?done=limits&sort=limit");
        assertThat(listed.body()).contains("limits are changed.");
        Document list = Jsoup.parse(listed.body());
        assertThat(list.select("tr.admin-wiki[data-wiki=" + wiki.id() + "] .wiki-limit").text())
                .isEqualTo("3.0 MB, 7 pages (own)");
        ApiResponse stats = owner.client().get(wiki.api() + "/stats").expect(200);
        assertThat(stats.json().path("pages_limit").asText()).isEqualTo("7");
        assertThat(stats.json().path("bytes_limit").asText()).isEqualTo(Long.toString(3L * 1024 * 1024));
        assertThat(stats.json().path("own_limits").asText()).isEqualTo("true");

        ApiResponse untouched = owner.client().get(other.api() + "/stats").expect(200);
        assertThat(untouched.json().path("pages_limit").asText()).isEqualTo("500");
        assertThat(untouched.json().path("bytes_limit").asText()).isEqualTo(Long.toString(50L * 1024 * 1024));
        assertThat(untouched.json().path("own_limits").asText()).isEqualTo("false");

        ApiResponse wrong = admin.submit("/admin/limits", Map.of("wiki_id", wiki.id(), "bytes_limit_mb", "-1",
                "pages_limit", ""));
        assertThat(wrong.status()).isEqualTo(400);
        setLimits(Fixtures.admin().client(), wiki, -5L, null).expectError(400, "invalid_limit");
        setLimits(Fixtures.admin().client(), wiki, null, null).expect(200);
        assertThat(owner.client().get(wiki.api() + "/stats").expect(200).json().path("own_limits").asText()).isEqualTo("false");
    }
}
