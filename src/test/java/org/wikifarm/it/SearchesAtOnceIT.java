package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * A flood of searches on one wiki through the real WAR: past the searches one wiki may run and keep waiting at once
 * (8 and 16 by default), the API answers 429 {@code search_busy} with {@code Retry-After}, and the search screen
 * (anonymous: the wiki is public) answers 429 with the screen itself, the words typed kept and a notice; every other
 * answer is a normal one; and a search of another wiki in the middle of the flood is served.
 */
class SearchesAtOnceIT {
    private static final int FLOOD = 120;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void pastItsSlotsAWikiAnswers429OnTheApiAndTheScreenWhileAnotherWikiIsServed() throws Exception {
        TestUser alice = Fixtures.newUser();
        TestWiki flooded = Fixtures.newWiki(alice, true);
        TestWiki other = Fixtures.newWiki(alice, true);
        for (TestWiki wiki : List.of(flooded, other)) {
            Pages pages = wiki.pages(alice.client());
            for (int i = 0; i < 12; i++) {
                pages.create("harbour/page-" + i, "# Harbour " + i + "\n\nThe lantern by the harbour wall, the tide "
                        + "tables, the gulls over the fish market and the ferry to the island, number " + i + ".");
            }
            SearchIT.awaitIndexed(alice.client(), wiki);
        }
        // A long question: the model reads up to its limit of tokens and BM25 has many words to score.
        String question = ("where does the ferry to the island leave from and when does the lantern by the harbour "
                + "wall light up on the evenings of the fish market ").repeat(6).strip();
        String apiSearch = flooded.api() + "/search?mode=hybrid&q=" + Fixtures.encodeQuery(question);
        String screen = "/" + flooded.owner() + "/" + flooded.slug() + "/-/search?mode=text&q="
                + Fixtures.encodeQuery(question);

        ExecutorService threads = Executors.newFixedThreadPool(FLOOD + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                String path = i % 2 == 0 ? apiSearch : screen;
                answers.add(threads.submit(atStart(start, path, i % 2 == 0 ? alice : null)));
            }
            Future<ApiResponse> otherWiki = threads.submit(() -> {
                start.await();
                return alice.client().get(other.api() + "/search?mode=text&q=ferry");
            });
            start.countDown();

            SoftAssertions soft = new SoftAssertions();
            int apiBusy = 0;
            int screenBusy = 0;
            for (Future<HttpResponse<String>> future : answers) {
                HttpResponse<String> answer = future.get(5, TimeUnit.MINUTES);
                boolean api = answer.uri().getPath().contains("/api/v1/");
                soft.assertThat(answer.statusCode()).as(answer.uri().getPath()).isIn(200, 429);
                if (answer.statusCode() != 429) {
                    continue;
                }
                soft.assertThat(answer.headers().firstValue("Retry-After")).contains("1");
                if (api) {
                    apiBusy++;
                    soft.assertThat(ApiClient.JSON.readTree(answer.body()).path("error").asText())
                            .isEqualTo("search_busy");
                    soft.assertThat(ApiClient.JSON.readTree(answer.body()).path("message").asText())
                            .startsWith("This wiki is answering as many searches at once as it may (8)");
                } else {
                    screenBusy++;
                    soft.assertThat(answer.body()).contains("id=\"search-busy\"")
                            .contains("This wiki is answering as many searches at once as it may (8)")
                            .contains("value=\"" + question + "\"")
                            .contains("id=\"mode-text\" checked")
                            .doesNotContain("id=\"no-results\"");
                }
            }
            soft.assertThat(apiBusy).as("API searches refused").isPositive();
            soft.assertThat(screenBusy).as("screens refused").isPositive();
            soft.assertThat(SearchIT.paths(otherWiki.get(5, TimeUnit.MINUTES))).isNotEmpty();
            soft.assertAll();
        } finally {
            threads.shutdownNow();
        }
        // The flood over, the wiki answers again.
        assertThat(SearchIT.paths(alice.client().get(apiSearch))).isNotEmpty();
    }

    /** The request, sent once {@code start} opens; with HTTP Basic as {@code user}, or anonymous (a public wiki). */
    private static Callable<HttpResponse<String>> atStart(CountDownLatch start, String path, TestUser user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ApiClient.BASE + path))
                .timeout(Duration.ofMinutes(2)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (user.username() + ":" + user.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        HttpRequest built = request.build();
        return () -> {
            start.await();
            return HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        };
    }
}
