package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The Snapshots screen of a wiki's settings ({@code -/snapshots}) over real HTTP forms: take one, restore it after a
 * confirmation screen (and only after it), make a new wiki from it (a taken name is shown on the form with what was
 * typed), delete it after a confirmation; people who do not run the wiki never see it.
 */
class SnapshotScreensIT {
    private static String base(TestWiki wiki) {
        return "/" + wiki.owner() + "/" + wiki.slug();
    }

    @Test
    void takeRestoreAfterConfirmingCopyAndDelete() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        String revision = pages.create("Home", "as in the snapshot\n");
        WebSession session = WebSession.signedIn(owner);
        String screen = base(wiki) + "/-/snapshots";

        Document empty = Jsoup.parse(session.get(screen).expect(200).body());
        assertThat(empty.getElementById("no-snapshots")).isNotNull();
        assertThat(empty.getElementById("tab-snapshots").attr("aria-current")).isEqualTo("page");

        assertThat(session.submit(screen, Map.of("action", "take")).status()).isEqualTo(303);
        Document listed = Jsoup.parse(session.get(screen + "?done=taken").expect(200).body());
        assertThat(listed.getElementById("snapshots-done")).isNotNull();
        String id = listed.select("tr.snapshot input[name=id]").first().attr("value");
        assertThat(listed.select("a.download-snapshot").attr("href"))
                .isEqualTo(base(wiki) + "/api/v1/snapshots/" + id + "/download");

        pages.update("Home", "changed after\n", revision);
        // A restore posted from anywhere but its confirmation screen only shows that screen.
        ApiResponse ask = session.submit(screen, Map.of("action", "restore", "id", id));
        assertThat(ask.body()).contains("Restore this wiki to snapshot " + id);
        assertThat(pages.get("Home").expect(200).text("content")).isEqualTo("changed after\n");
        assertThat(session.confirm(ask).status()).isEqualTo(303);
        assertThat(pages.get("Home").expect(200).text("content")).isEqualTo("as in the snapshot\n");

        // A copy under a name the owner already uses: shown on the form, with what was typed.
        ApiResponse copyAsk = session.submit(screen, Map.of("action", "copy", "id", id, "slug", wiki.slug(),
                "name", "Typed name"));
        ApiResponse refused = session.confirm(copyAsk);
        assertThat(refused.status()).isEqualTo(409);
        Document form = Jsoup.parse(refused.body());
        assertThat(form.getElementById("form-problem").text()).contains(wiki.slug());
        assertThat(form.getElementById("copy-slug").attr("value")).isEqualTo(wiki.slug());
        assertThat(form.getElementById("copy-name").attr("value")).isEqualTo("Typed name");

        String slug = Fixtures.randomName("copy", 8);
        ApiResponse made = session.confirm(session.submit(screen, Map.of("action", "copy", "id", id, "slug", slug)));
        assertThat(made.status()).isEqualTo(303);
        assertThat(made.header("Location").orElse("")).endsWith("/" + owner.username() + "/" + slug + "/");
        assertThat(owner.client().get("/" + owner.username() + "/" + slug + "/api/v1/pages/Home").expect(200)
                .text("content")).isEqualTo("as in the snapshot\n");

        ApiResponse deleteAsk = session.submit(screen, Map.of("action", "delete", "id", id));
        assertThat(deleteAsk.body()).contains("Delete snapshot " + id);
        assertThat(session.confirm(deleteAsk).status()).isEqualTo(303);
        assertThat(Jsoup.parse(session.get(screen).expect(200).body()).getElementById("no-snapshots")).isNotNull();
    }

    @Test
    void someoneWhoDoesNotRunTheWikiNeverSeesItsSnapshots() {
        TestUser owner = Fixtures.newUser();
        TestUser other = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        owner.client().post(wiki.api() + "/snapshots", Map.of()).expect(201);
        WebSession session = WebSession.signedIn(other);
        assertThat(session.get(base(wiki) + "/-/snapshots").status()).isEqualTo(403);
        session.get(base(wiki) + "/");
        assertThat(session.submit(base(wiki) + "/-/snapshots", Map.of("action", "take")).status()).isEqualTo(403);
        assertThat(owner.client().get(wiki.api() + "/snapshots").expect(200).array("snapshots")).hasSize(1);
    }
}
