package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Brand-new wikis used the instant they exist, by several threads at once: the first open of a wiki (database
 * creation, migration, git init) must be safe under concurrency.
 */
class NewWikiRaceIT {
    private static final int WIKIS = 10;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void newWikisWrittenByTwoThreadsRightAfterCreationAllSucceed() throws Exception {
        TestUser owner = Fixtures.newUser();
        List<String> slugs = new ArrayList<>();
        List<CountDownLatch> created = new ArrayList<>();
        for (int i = 0; i < WIKIS; i++) {
            slugs.add(Fixtures.randomName("race", 8));
            created.add(new CountDownLatch(1));
        }
        ConcurrentLinkedQueue<ApiResponse> all = new ConcurrentLinkedQueue<>();

        // Task 2i creates wiki i, then writes page p0; task 2i+1 waits for the creation, then writes p1.
        List<ApiResponse> writes = ConcurrentWritesIT.inParallel(2 * WIKIS, task -> () -> {
            int w = task / 2;
            TestWiki wiki = new TestWiki(null, owner.username(), slugs.get(w), null);
            if (task % 2 == 0) {
                try {
                    ApiResponse create = Fixtures.createWiki(owner.client(), slugs.get(w), false);
                    all.add(create);
                    create.expect(201);
                } finally {
                    created.get(w).countDown();
                }
            } else {
                assertThat(created.get(w).await(2, TimeUnit.MINUTES)).isTrue();
            }
            ApiResponse put = wiki.pages(owner.client()).put("p" + (task % 2), "page " + task, null);
            all.add(put);
            return put;
        });

        assertThat(all).as("every answer").noneMatch(a -> a.status() >= 500);
        for (ApiResponse write : writes) {
            write.expect(201);
        }
        for (int w = 0; w < WIKIS; w++) {
            TestWiki wiki = new TestWiki(null, owner.username(), slugs.get(w), null);
            Pages pages = wiki.pages(owner.client());
            // Each wiki was created with its Home (one commit), then got both writes.
            assertThat(pages.paths(null)).containsExactly("Home", "p0", "p1");
            assertThat(pages.get("p0").expect(200).text("content")).isEqualTo("page " + (2 * w));
            assertThat(pages.get("p1").expect(200).text("content")).isEqualTo("page " + (2 * w + 1));
            assertThat(pages.changelogRevisions()).hasSize(2);
            assertThat(pages.changelog(1000).expect(200).array("changes")).hasSize(3);
        }
        assertHealthy();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void firstReadsOfANewWikiFromManyThreadsAllSucceed() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);

        List<ApiResponse> reads = ConcurrentWritesIT.inParallel(12, i -> () -> i % 2 == 0
                ? wiki.pages(owner.client()).list(null)
                : wiki.pages(ApiClient.anonymous()).get("Home"));

        for (int i = 0; i < reads.size(); i++) {
            if (i % 2 == 0) {
                assertThat(reads.get(i).expect(200).array("pages")).isEmpty();
            } else {
                reads.get(i).expectError(404, "page_not_found");
            }
        }
        assertHealthy();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void creatingTheSameSlugTwiceAtOnceMakesExactlyOneWiki() throws Exception {
        TestUser owner = Fixtures.newUser();
        String slug = Fixtures.randomName("race", 8);

        List<ApiResponse> answers = ConcurrentWritesIT.inParallel(4,
                i -> () -> Fixtures.createWiki(owner.client(), slug, i % 2 == 0));

        assertThat(answers).as("answers").extracting(ApiResponse::status).containsOnly(201, 409);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        answers.stream().filter(a -> a.status() == 409).forEach(a -> a.expectJsonError(409));
        long listed = owner.client().get("/api/v1/wikis?limit=1000").expect(200).array("wikis").stream()
                .filter(w -> w.path("slug").asText().equals(slug))
                .count();
        assertThat(listed).isEqualTo(1);
        TestWiki wiki = new TestWiki(null, owner.username(), slug, null);
        // The one wiki works: it has its first Home, and takes a new page.
        wiki.pages(owner.client()).get("Home").expect(200);
        wiki.pages(owner.client()).create("Next", "works");
        assertHealthy();
    }

    private static void assertHealthy() {
        ApiResponse health = ApiClient.anonymous().get("/api/v1/health").expect(200);
        assertThat(health.text("status")).isEqualTo("ok");
        assertThat(health.json().path("open_wikis").isInt()).as("open_wikis in %s", health).isTrue();
    }
}
