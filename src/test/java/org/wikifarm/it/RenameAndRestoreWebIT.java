package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Pages that survive change, in the web UI: the rename form's box that points every link at the new name, a failed
 * rename that keeps what was typed, a deleted page's address that says who deleted it and (for writers) restores it
 * in one click, and the changes list that leads there — for members, readers and strangers, with hostile names.
 */
class RenameAndRestoreWebIT {

    private static String base(TestWiki wiki) {
        return "/" + wiki.owner() + "/" + wiki.slug();
    }

    private static TestUser member(TestUser owner, TestWiki wiki, String role) {
        TestUser member = Fixtures.newUser();
        owner.client().put(wiki.api() + "/members/" + member.username(), Map.of("role", role)).expect(200);
        return member;
    }

    @Test
    void theDeletedPagesScreenListsThemAndRestoresOneInOneClickForWritersOnly() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("Gone", "Was here.");
        pages.create("Stays", "Still here.");
        pages.create("Hostile \"'><b>x", "Also gone.");
        pages.delete("Gone").expect(200);
        pages.delete("Hostile \"'><b>x").expect(200);
        WebSession web = WebSession.signedIn(owner);

        Document changes = Jsoup.parse(web.get(base(wiki) + "/-/changelog").expect(200).body());
        assertThat(changes.getElementById("deleted-pages-link").attr("href")).isEqualTo(base(wiki) + "/-/deleted");
        // Fixtures.newWiki deleted the starter Home: three deletions.
        assertThat(changes.select("form.restore-inline")).as("a Restore button by each deletion").hasSize(3);
        Document screen = Jsoup.parse(web.get(base(wiki) + "/-/deleted").expect(200).body());
        assertThat(screen.select("#deleted-pages .deleted-page-link").eachText())
                .containsExactly("Hostile \"'><b>x", "Gone", "Home");
        assertThat(screen.select("#deleted-pages b")).as("names are text").isEmpty();
        String restore = screen.select("#deleted-pages form").get(1).attr("action");
        assertThat(restore).isEqualTo(base(wiki) + "/-/restore/Gone");
        web.submit(restore, Map.of()).expect(303);
        assertThat(pages.get("Gone").expect(200).text("content")).isEqualTo("Was here.");
        assertThat(Jsoup.parse(web.get(base(wiki) + "/-/deleted").body())
                .select("#deleted-pages .deleted-page-link").eachText()).containsExactly("Hostile \"'><b>x", "Home");

        // The API lists them too; a reader sees the list without buttons; strangers and other wikis' tokens nothing.
        assertThat(owner.client().get(wiki.api() + "/deleted-pages").expect(200).json().path("pages").get(0)
                .path("path").asText()).isEqualTo("Hostile \"'><b>x");
        TestUser reader = member(owner, wiki, "viewer");
        Document read = Jsoup.parse(WebSession.signedIn(reader).get(base(wiki) + "/-/deleted").expect(200).body());
        assertThat(read.select("#deleted-pages form")).isEmpty();
        TestUser stranger = Fixtures.newUser();
        assertThat(WebSession.signedIn(stranger).get(base(wiki) + "/-/deleted").status()).isEqualTo(403);
        stranger.client().get(wiki.api() + "/deleted-pages").expectJsonError(403);
        TestWiki theirs = Fixtures.newWiki(stranger, false);
        String token = stranger.client().post(theirs.api() + "/tokens", Map.of("name", "t", "role", "editor"))
                .expect(201).text("secret");
        HeaderClient.bearer(token).get(wiki.api() + "/deleted-pages").expectJsonError(401);
    }

    @Test
    void renamingWithTheBoxCheckedUpdatesTheLinksAndUncheckedLeavesThem() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("Old", "The old page.");
        pages.create("Linker", "See [[Old]] and [[Other]].");
        pages.create("Other", "Another page.");
        WebSession web = WebSession.signedIn(owner);

        Document form = Jsoup.parse(web.get(base(wiki) + "/-/rename/Old").expect(200).body());
        Element box = form.getElementById("relink");
        assertThat(box).isNotNull();
        assertThat(box.hasAttr("checked")).as("the box is checked by default").isTrue();
        assertThat(form.getElementById("new_path").attr("value")).isEqualTo("Old");

        ApiResponse renamed = web.submit(base(wiki) + "/-/rename/Old",
                Map.of("new_path", "archive/Old", "relink", "1", "message", "tidy up"));
        assertThat(renamed.status()).as(renamed.describe()).isEqualTo(200);
        Document result = Jsoup.parse(renamed.body());
        assertThat(result.getElementById("relinked-count").text()).isEqualTo("1");
        assertThat(result.select("#relinked-pages a").eachText()).containsExactly("Linker");
        assertThat(result.getElementById("renamed-page-link").attr("href")).isEqualTo(base(wiki) + "/archive/Old");
        assertThat(pages.get("Linker").expect(200).text("content")).isEqualTo("See [[archive/Old]] and [[Other]].");
        assertThat(pages.get("archive/Old").expect(200).text("content")).isEqualTo("The old page.");
        // The old address leads to the page under its new name, for anyone who may read it.
        assertThat(web.get(base(wiki) + "/Old").expect(302).header("Location")).hasValue(base(wiki) + "/archive/Old");
        assertThat(WebSession.newVisitor().get(base(wiki) + "/Old").status())
                .as("a private wiki's renames stay private").isNotEqualTo(302);
        // Other screens of the old name still say where it went, without a Restore button.
        Document oldHistory = Jsoup.parse(web.get(base(wiki) + "/-/blame/Old").body());
        assertThat(oldHistory.getElementById("restore-form")).as("a renamed page is not restored").isNull();

        // A chain of renames is followed; a page written under an old name ends its redirect.
        web.submit(base(wiki) + "/-/rename/archive/Old", Map.of("new_path", "archive/Older")).expect(303);
        assertThat(web.get(base(wiki) + "/Old").expect(302).header("Location")).hasValue(base(wiki) + "/archive/Old");
        assertThat(web.get(base(wiki) + "/archive/Old").expect(302).header("Location"))
                .hasValue(base(wiki) + "/archive/Older");
        pages.create("Old", "A new page under the old name.");
        web.get(base(wiki) + "/Old").expect(200);

        ApiResponse plain = web.submit(base(wiki) + "/-/rename/Other", Map.of("new_path", "Another"));
        assertThat(plain.status()).as(plain.describe()).isEqualTo(303);
        assertThat(plain.header("Location")).contains(base(wiki) + "/Another");
        assertThat(pages.get("Linker").expect(200).text("content")).isEqualTo("See [[archive/Old]] and [[Other]].");
        assertThat(pages.get("Another").expect(200).text("content")).isEqualTo("Another page.");
    }

    @Test
    void aFailedRenameShowsTheFormAgainWithTheTypedNameAndTheReason() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("Draft", "draft");
        pages.create("Taken", "taken");
        WebSession web = WebSession.signedIn(owner);
        web.get(base(wiki) + "/-/rename/Draft").expect(200);

        ApiResponse taken = web.submit(base(wiki) + "/-/rename/Draft", Map.of("new_path", "Taken", "message", "why"));
        assertThat(taken.status()).as(taken.describe()).isEqualTo(409);
        Document form = Jsoup.parse(taken.body());
        assertThat(form.getElementById("new_path").attr("value")).isEqualTo("Taken");
        assertThat(form.getElementById("new_path").attr("aria-invalid")).isEqualTo("true");
        assertThat(form.getElementById("rename-problem").text()).contains("already exists");
        assertThat(form.getElementById("message").attr("value")).isEqualTo("why");
        assertThat(form.getElementById("relink").hasAttr("checked")).as("the box as it was sent: unchecked").isFalse();

        ApiResponse invalid = web.submit(base(wiki) + "/-/rename/Draft",
                Map.of("new_path", "a/../b", "relink", "1"));
        assertThat(invalid.status()).as(invalid.describe()).isEqualTo(400);
        Document again = Jsoup.parse(invalid.body());
        assertThat(again.getElementById("new_path").attr("value")).isEqualTo("a/../b");
        assertThat(again.getElementById("rename-problem").text()).contains("'..'");
        assertThat(again.getElementById("relink").hasAttr("checked")).isTrue();
        assertThat(pages.get("Draft").expect(200).text("content")).isEqualTo("draft");
    }

    @Test
    void aDeletedPagesAddressSaysWhoDeletedItAndWritersRestoreItInOneClick() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        TestUser editor = member(owner, wiki, "editor");
        TestUser viewer = member(owner, wiki, "viewer");
        Pages pages = wiki.pages(owner.client());
        pages.create("notes/plan", "last words");
        owner.client().delete(wiki.page("notes/plan") + "?message=" + Fixtures.encodeQuery("not needed")).expect(200);
        String address = base(wiki) + "/notes/plan";

        WebSession writer = WebSession.signedIn(editor);
        ApiResponse missing = writer.get(address);
        assertThat(missing.status()).isEqualTo(404);
        Document screen = Jsoup.parse(missing.body());
        assertThat(screen.getElementById("deleted-note").text()).contains("This page was deleted on")
                .contains("by " + owner.username());
        Element restore = screen.getElementById("restore-form");
        assertThat(restore).as("a Restore button for a writer").isNotNull();
        assertThat(restore.attr("action")).isEqualTo(base(wiki) + "/-/restore/notes/plan");
        assertThat(screen.getElementById("create-page-link").text()).as("writing anew is still offered, as a link")
                .startsWith("Or write a new page");

        for (WebSession reader : new WebSession[] {WebSession.signedIn(viewer), WebSession.newVisitor()}) {
            Document read = Jsoup.parse(reader.get(address).expect(404).body());
            assertThat(read.getElementById("deleted-note").text()).contains("by " + owner.username());
            assertThat(read.getElementById("restore-form")).isNull();
            assertThat(read.getElementById("create-page-link")).isNull();
        }
        WebSession viewerSession = WebSession.signedIn(viewer);
        viewerSession.get(address);
        assertThat(viewerSession.submit(base(wiki) + "/-/restore/notes/plan", Map.of()).status()).isEqualTo(403);

        Document changes = Jsoup.parse(writer.get(base(wiki) + "/-/changelog").expect(200).body());
        assertThat(changes.select("a.deleted-page-link").eachAttr("href")).contains(address);

        assertThat(writer.get(base(wiki) + "/-/restore/notes/plan").status()).as("GET restores nothing").isEqualTo(400);
        ApiResponse restored = writer.submit(restore.attr("action"), Map.of());
        assertThat(restored.status()).as(restored.describe()).isEqualTo(303);
        assertThat(restored.header("Location")).contains(address);
        assertThat(pages.get("notes/plan").expect(200).text("content")).isEqualTo("last words");
        assertThat(writer.get(address).status()).isEqualTo(200);

        assertThat(writer.get(base(wiki) + "/never/was").body()).doesNotContain("deleted-note");
    }

    @Test
    void aPrivateWikisDeletedPageTellsAStrangerNothing() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        wiki.pages(owner.client()).create("secret", "hidden");
        wiki.pages(owner.client()).delete("secret").expect(200);
        TestUser stranger = Fixtures.newUser();
        Fixtures.newWiki(stranger, wiki.slug(), false);

        WebSession strangerWeb = WebSession.signedIn(stranger);
        ApiResponse seen = strangerWeb.get(base(wiki) + "/secret");
        assertThat(seen.status()).isIn(403, 404);
        assertThat(seen.body()).doesNotContain("deleted-note").doesNotContain("restore-form")
                .doesNotContain(owner.username() + "<");
        ApiResponse anonymous = WebSession.newVisitor().get(base(wiki) + "/secret");
        assertThat(anonymous.status()).isIn(303, 401, 403, 404);
        assertThat(anonymous.body()).doesNotContain("deleted-note");

        String ownWiki = "/" + stranger.username() + "/" + wiki.slug();
        strangerWeb.get(ownWiki + "/-/changelog");
        assertThat(strangerWeb.submit(base(wiki) + "/-/restore/secret", Map.of()).status()).isIn(403, 404);
        ApiResponse ownSide = strangerWeb.submit(ownWiki + "/-/restore/secret", Map.of());
        assertThat(ownSide.status()).as("no such page ever in the stranger's own wiki").isEqualTo(404);
        assertThat(wiki.pages(owner.client()).get("secret").status()).isEqualTo(404);
    }

    @Test
    void hostileNamesAndMessagesAreEscaped() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        String hostile = "notes/" + HostileValuesIT.MARKUP.replace("/", "");
        pages.put(hostile, "text", null).expect(201);
        owner.client().delete(wiki.page(hostile) + "?message=" + Fixtures.encodeQuery(HostileValuesIT.MARKUP))
                .expect(200);
        WebSession web = WebSession.signedIn(owner);

        Document missing = Jsoup.parse(web.get(base(wiki) + "/" + Fixtures.encodePath(hostile)).expect(404).body());
        assertThat(missing.getElementById("pwn")).isNull();
        assertThat(missing.getElementById("deleted-message").text()).isEqualTo(HostileValuesIT.MARKUP);
        assertThat(missing.getElementById("restore-form")).isNotNull();

        Document changes = Jsoup.parse(web.get(base(wiki) + "/-/changelog").expect(200).body());
        assertThat(changes.getElementById("pwn")).isNull();
        assertThat(changes.select("a.deleted-page-link").eachText()).contains(hostile);

        pages.create("Plain", "plain");
        pages.create("Taken", "taken");
        web.get(base(wiki) + "/-/rename/Plain").expect(200);
        String typed = "x" + HostileValuesIT.MARKUP.replace("/", "");
        pages.create(typed, "already here");
        ApiResponse refused = web.submit(base(wiki) + "/-/rename/Plain", Map.of("new_path", typed,
                "message", HostileValuesIT.MARKUP));
        assertThat(refused.status()).as(refused.describe()).isEqualTo(409);
        Document form = Jsoup.parse(refused.body());
        assertThat(form.getElementById("pwn")).isNull();
        assertThat(form.getElementById("new_path").attr("value")).isEqualTo(typed);
        assertThat(form.getElementById("message").attr("value")).isEqualTo(HostileValuesIT.MARKUP);
        assertThat(form.getElementById("rename-problem").text()).contains("already exists");

        ApiResponse relinked = web.submit(base(wiki) + "/-/rename/Taken", Map.of("new_path", "Taken2", "relink", "1"));
        assertThat(relinked.status()).isEqualTo(303);
    }
}
