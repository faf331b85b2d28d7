package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web editor saves pages up to the body limit ({@code maxBodyBytes}, 5 MB by default), not only up to Tomcat's own
 * 2 MB form limit, which used to drop every field of a larger page — the CSRF token too — so the person was told the
 * form had expired and lost the edit. A form over the body limit is refused with a 413 that says so. On a Tomcat of
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

            String content = ("A line of a large page, long enough to matter. ").repeat(60_000); // ~2.8 MB
            ApiResponse saved = session.submit(edit, Map.of("content", content, "revision", "", "message", "big"));
            assertThat(saved.status()).as("saving %s characters: %s", content.length(), saved.describe())
                    .isEqualTo(303);
            String shown = session.get("/" + user + "/big/-/edit/Big").body();
            assertThat(shown).as("the editor shows the saved page").contains(content.substring(0, 1000));

            ApiResponse tooLarge = session.submit(edit, Map.of("content", "x".repeat(6 * 1024 * 1024),
                    "revision", "", "message", "too big"));
            assertThat(tooLarge.status()).as("over the body limit: %s", tooLarge.describe()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("larger than the limit");
        }
    }
}
