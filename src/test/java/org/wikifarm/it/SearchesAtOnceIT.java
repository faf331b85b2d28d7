package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Floods of searches on one wiki through the real WAR, on a Tomcat of its own that lets a wiki run one search at once
 * and keep none waiting ({@code searchConcurrencyPerWiki=1}, {@code searchWaitingPerWiki=0}; the model off, so every
 * search is full text): past that, the API answers 429 {@code search_busy} with {@code Retry-After: 1}, and the search
 * screen (anonymous: the wiki is public) answers 429 with the screen itself, the words typed kept and a notice; every
 * other answer is a normal one; and a search of another wiki in the middle of a flood is served.
 */
class SearchesAtOnceIT {
    private static final int FLOOD = 120;
    private static final int MOST_FLOODS = 5;
    private static final String PASSWORD = "a long enough password";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void pastItsSlotsAWikiAnswers429OnTheApiAndTheScreenWhileAnotherWikiIsServed() throws Exception {
        Path root = OwnTomcat.BUILD.resolve("searches-at-once-it-" + System.nanoTime());
        Files.createDirectories(root);
        try (OwnTomcat tomcat = new OwnTomcat(root.resolve("tomcat"), root.resolve("data"), Map.of(
                "embeddingModel", "off", "searchConcurrencyPerWiki", "1", "searchWaitingPerWiki", "0"))) {
            tomcat.start();
            String base = tomcat.baseUrl();
            String user = Fixtures.randomName("s", 10);
            assertThat(send(base, "POST", "/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\""
                    + PASSWORD + "\"}", null).statusCode()).isEqualTo(201);
            String flooded = wiki(base, user, "flooded");
            String other = wiki(base, user, "other");
            String question = "where does the ferry to the island leave from and when does the lantern by the harbour"
                    + " wall light up";
            String apiSearch = flooded + "/api/v1/search?mode=text&q=" + Fixtures.encodeQuery(question);
            String screen = flooded + "/-/search?mode=text&q=" + Fixtures.encodeQuery(question);

            SoftAssertions soft = new SoftAssertions();
            int apiBusy = 0;
            int screenBusy = 0;
            // One flood nearly always has searches that meet; a few more make sure both doors saw it.
            for (int flood = 0; flood < MOST_FLOODS && (apiBusy == 0 || screenBusy == 0); flood++) {
                ExecutorService threads = Executors.newFixedThreadPool(FLOOD + 1);
                try {
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                    for (int i = 0; i < FLOOD; i++) {
                        String path = i % 2 == 0 ? apiSearch : screen;
                        String as = i % 2 == 0 ? user : null;
                        answers.add(threads.submit(atStart(start, () -> send(base, "GET", path, null, as))));
                    }
                    Future<HttpResponse<String>> otherWiki = threads.submit(atStart(start,
                            () -> send(base, "GET", other + "/api/v1/search?mode=text&q=ferry", null, user)));
                    start.countDown();

                    for (Future<HttpResponse<String>> future : answers) {
                        HttpResponse<String> answer = future.get(5, TimeUnit.MINUTES);
                        boolean api = answer.uri().getPath().contains("/api/v1/");
                        soft.assertThat(answer.statusCode()).as(answer.uri().getPath()).isIn(200, 429);
                        if (answer.statusCode() != 429) {
                            continue;
                        }
                        soft.assertThat(answer.headers().firstValue("Retry-After")).contains("1");
                        String busy = "This wiki is answering as many searches at once as it may (1); try again in a"
                                + " moment.";
                        if (api) {
                            apiBusy++;
                            JsonNode error = ApiClient.JSON.readTree(answer.body());
                            soft.assertThat(error.path("error").asText()).isEqualTo("search_busy");
                            soft.assertThat(error.path("message").asText()).isEqualTo(busy);
                        } else {
                            screenBusy++;
                            soft.assertThat(answer.body()).contains("id=\"search-busy\"").contains(busy)
                                    .contains("value=\"" + question + "\"").contains("id=\"mode-text\" checked")
                                    .doesNotContain("id=\"no-results\"");
                        }
                    }
                    HttpResponse<String> otherAnswer = otherWiki.get(5, TimeUnit.MINUTES);
                    soft.assertThat(otherAnswer.statusCode()).as("another wiki's search").isEqualTo(200);
                    soft.assertThat(ApiClient.JSON.readTree(otherAnswer.body()).path("hits")).isNotEmpty();
                } finally {
                    threads.shutdownNow();
                }
            }
            soft.assertThat(apiBusy).as("API searches refused").isPositive();
            soft.assertThat(screenBusy).as("screens refused").isPositive();
            soft.assertAll();
            // The flood over, the wiki answers again.
            HttpResponse<String> after = send(base, "GET", apiSearch, null, user);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(ApiClient.JSON.readTree(after.body()).path("hits")).isNotEmpty();
        }
    }

    /** A public wiki of the user's with twelve pages, indexed; its path, e.g. {@code /alice/flooded}. */
    private static String wiki(String base, String user, String slug) throws Exception {
        assertThat(send(base, "POST", "/api/v1/wikis", "{\"slug\":\"" + slug + "\",\"is_public\":true}", user)
                .statusCode()).isEqualTo(201);
        String wiki = "/" + user + "/" + slug;
        for (int i = 0; i < 12; i++) {
            String content = "# Harbour " + i + "\\n\\nThe lantern by the harbour wall, the tide tables, the gulls over the"
                    + " fish market and the ferry to the island, number " + i + ".";
            assertThat(send(base, "PUT", wiki + "/api/v1/pages/harbour/page-" + i, "{\"content\":\"" + content
                    + "\",\"message\":\"page " + i + "\"}", user).statusCode()).isIn(200, 201);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        JsonNode status;
        do {
            status = ApiClient.JSON.readTree(send(base, "GET", wiki + "/api/v1/search/status", null, user).body());
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && status.path("indexed_pages").asInt() >= 12) {
                return wiki;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish: " + status);
    }

    /** Sends a request, with a JSON body if given, as {@code user} with HTTP Basic or else anonymous. */
    private static HttpResponse<String> send(String base, String method, String path, String json, String user)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The call, made once {@code start} opens. */
    private static Callable<HttpResponse<String>> atStart(CountDownLatch start, Callable<HttpResponse<String>> call) {
        return () -> {
            start.await();
            return call.call();
        };
    }
}
