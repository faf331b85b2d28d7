package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Usage stats over HTTP: a wiki's own endpoint for its readers, every wiki's for platform admins. */
class StatsIT {
    @Test
    void aWikisStatsFollowItsPagesAndItsFolderIsMeasured() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("One", "one\n");
        pages.create("Two", "two\n");

        ApiResponse stats = owner.client().get(wiki.api() + "/stats").expect(200);
        assertThat(stats.json().path("page_count").asText()).isEqualTo("2");
        assertThat(stats.json().path("attachment_count").asText()).isEqualTo("0");
        assertThat(stats.json().path("pages_limit").asText()).isEqualTo("500");
        assertThat(stats.json().path("bytes_limit").asText()).isEqualTo(Long.toString(50L * 1024 * 1024));
        // A wiki never measured is measured when its stats are first asked for, or soon after its first write.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (owner.client().get(wiki.api() + "/stats").expect(200).json().path("measured_at").isNull()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        ApiResponse measured = owner.client().get(wiki.api() + "/stats").expect(200);
        assertThat(measured.json().path("measured_at").isNull()).as("%s", measured).isFalse();
        assertThat(Long.parseLong(measured.json().path("disk_usage_bytes").asText())).isGreaterThan(1_000);
    }

    @Test
    void statsAreForReadersOfTheWikiOnly() {
        TestUser owner = Fixtures.newUser();
        TestUser stranger = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        TestWiki strangers = Fixtures.newWiki(stranger, false);
        wiki.pages(owner.client()).create("Secret", "s\n");

        assertThat(stranger.client().get(wiki.api() + "/stats").status()).isIn(403, 404);
        assertThat(ApiClient.anonymous().get(wiki.api() + "/stats").status()).isIn(401, 404);
        assertThat(stranger.client().get(strangers.api() + "/stats").expect(200).json().path("page_count").asText()).isEqualTo("0");
    }

    @Test
    void platformAdminsListEveryWikiWithUsageSorted() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        for (int i = 0; i < 3; i++) {
            pages.create("P" + i, "p\n");
        }
        ApiClient admin = Fixtures.admin().client();

        List<JsonNode> byPages = admin.get("/api/v1/admin/wikis?sort=pages&limit=1000").expect(200).array("wikis");
        JsonNode mine = byPages.stream().filter(row -> row.path("id").asText().equals(wiki.id())).findFirst()
                .orElseThrow();
        assertThat(mine.path("stats").path("page_count").asInt()).isEqualTo(3);
        assertThat(mine.path("owner").asText()).isEqualTo(owner.username());
        for (int i = 1; i < byPages.size(); i++) {
            assertThat(byPages.get(i - 1).path("stats").path("page_count").asInt())
                    .isGreaterThanOrEqualTo(byPages.get(i).path("stats").path("page_count").asInt());
        }
        List<JsonNode> byUsage = admin.get("/api/v1/admin/wikis?sort=usage&limit=1000").expect(200).array("wikis");
        for (int i = 1; i < byUsage.size(); i++) {
            assertThat(byUsage.get(i - 1).path("stats").path("disk_usage_bytes").asLong())
                    .isGreaterThanOrEqualTo(byUsage.get(i).path("stats").path("disk_usage_bytes").asLong());
        }
        admin.get("/api/v1/admin/wikis?sort=color").expectError(400, "invalid_sort");

        owner.client().get("/api/v1/admin/wikis").expectError(403, "forbidden");
        ApiClient.anonymous().get("/api/v1/admin/wikis").expect(401);

        WebSession web = WebSession.signedIn(Fixtures.admin());
        ApiResponse screen = web.get("/admin?sort=usage");
        assertThat(screen.status()).isEqualTo(200);
        assertThat(screen.body()).contains("id=\"sort-usage\" aria-current=\"true\"").contains("Attachments");
        ApiResponse settings = WebSession.signedIn(owner).get("/" + wiki.owner() + "/" + wiki.slug()
                + "/-/settings");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body()).contains("<meter id=\"usage-bar\"").contains("id=\"usage-limit\">50 MB<");
    }
}
