package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The editor's server side: a failed save gives the typed text back; only writers may render previews. */
class EditorIT {

    @Test
    void aSaveThatFailsComesBackWithTheTypedTextAndTheReason() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        wiki.pages(owner.client()).create("plans", "# Plans\n");
        WebSession session = WebSession.signedIn(owner);
        String edit = "/" + wiki.owner() + "/" + wiki.slug() + "/-/edit/plans.md/2027";
        session.get(edit);

        String typed = "# 2027\n\nA long text the person typed & must not lose <3\n";
        ApiResponse failed = session.submit(edit, Map.of("content", typed, "revision", "", "message", "my words"));

        assertThat(failed.status()).as("a page inside the file of the page plans: %s", failed.describe()).isEqualTo(409);
        Document screen = Jsoup.parse(failed.body());
        assertThat(screen.getElementById("content").wholeText()).isEqualTo(typed);
        assertThat(screen.getElementById("message").attr("value")).isEqualTo("my words");
        assertThat(screen.getElementById("save-problem").text()).contains("cannot be created")
                .contains("Your text is still here");
    }

    @Test
    void onlyThoseWhoMayWriteRenderPreviews() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        String preview = "/" + wiki.owner() + "/" + wiki.slug() + "/-/preview";
        WebSession reader = WebSession.visitorWithSession();
        ApiResponse anonymous = reader.submit(preview, Map.of("content", "# x"));
        assertThat(anonymous.status()).as("an anonymous reader of a public wiki: %s", anonymous.describe())
                .isIn(401, 403);
        assertThat(anonymous.body()).doesNotContain("<h1 id=\"x\">");

        WebSession writer = WebSession.signedIn(owner);
        writer.get("/" + wiki.owner() + "/" + wiki.slug() + "/-/edit/Home");
        ApiResponse written = writer.submit(preview, Map.of("content", "# x"));
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.body()).contains("<h1 id=\"x\">x</h1>");
    }
}
