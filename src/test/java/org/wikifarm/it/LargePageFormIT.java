package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web editor saves every page the wiki accepts ({@code maxPageBytes}, 2 MB by default), however much
 * percent-encoding makes of it, not only forms up to Tomcat's own 2 MB form limit, which used to drop every field of a
 * larger form — the CSRF token too — so the person was told the form had expired and lost the edit. A page over the
 * limit comes back in the editor with the reason; a form over the form limit is a 413 that says so. On a Tomcat of
 * its own, with the default limits.
 */
class LargePageFormIT {

    @Test
    void aPageOverTwoMegabytesSavesFromTheEditor() throws Exception {
        Path root = OwnTomcat.BUILD.resolve("large-form-it-" + System.nanoTime());
        Files.createDirectories(root);
        try (OwnTomcat tomcat = new OwnTomcat(root.resolve("tomcat"), root.resolve("data"))) {
            tomcat.start();
            WebSession session = WebSession.newVisitorOf(tomcat.baseUrl());
            session.get("/signup");
            String user = Fixtures.randomName("l", 10);
            assertThat(session.submit("/signup", Map.of("username", user, "password", "a long enough password"))
                    .status()).isEqualTo(303);
            session.get("/");
            assertThat(session.submit("/wikis", Map.of("slug", "big")).status()).isEqualTo(303);
            String edit = "/" + user + "/big/-/edit/Big";
            session.get(edit);

            // 1.9 MB of UTF-8, under the page limit; percent-encoded, a form of more than 3 MB.
            String content = "Les étés à Montréal. ".repeat(4).repeat(19_000);
            ApiResponse saved = session.submit(edit, Map.of("content", content, "revision", "", "message", "big"));
            assertThat(saved.status()).as("saving %s characters: %s", content.length(), saved.describe())
                    .isEqualTo(303);
            String shown = session.get("/" + user + "/big/-/edit/Big").body();
            assertThat(shown).as("the editor shows the saved page").contains(content.substring(0, 1000));

            session.get("/" + user + "/big/-/edit/Bigger");
            String bigger = "y".repeat(2_500_000);
            ApiResponse overPage = session.submit("/" + user + "/big/-/edit/Bigger", Map.of("content", bigger,
                    "revision", "", "message", "too big"));
            assertThat(overPage.status()).as("over the page limit: %s", overPage.describe()).isEqualTo(413);
            assertThat(overPage.body()).contains("Your text is still here").contains(bigger);

            ApiResponse overForm = session.submit(edit, Map.of("content", "x".repeat(7 * 1024 * 1024),
                    "revision", "", "message", "too big"));
            assertThat(overForm.status()).as("over the form limit: %s", overForm.describe()).isEqualTo(413);
            assertThat(overForm.body()).contains("larger than the limit");
        }
    }
}
