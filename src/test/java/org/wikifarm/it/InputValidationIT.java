package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * Validation at the door, through the real server: text that is not Unicode, page names with characters that do
 * not show or with two spellings, and display names or emails that would break git's author line.
 */
class InputValidationIT {
    private TestUser owner;
    private TestWiki wiki;

    @BeforeEach
    void createWiki() {
        owner = Fixtures.newUser();
        wiki = Fixtures.newWiki(owner, false);
    }

    @Test
    void aLoneSurrogateEscapeInJsonIs400AndWritesNothing() {
        SoftAssertions softly = new SoftAssertions();
        for (String escape : List.of("\\ud800", "\\udfff", "x\\ud83d", "\\ud83d\\u0041")) {
            byte[] body = ("{\"content\":\"before " + escape + " after\"}").getBytes(StandardCharsets.UTF_8);

            ApiResponse put = owner.client().sendBytes("PUT", wiki.page("Surrogate"), body);

            softly.assertThat(put.status()).as("%s", put.describe()).isEqualTo(400);
            softly.assertThat(put.json() == null ? null : put.json().path("error").asText()).as("%s", put.describe())
                    .isEqualTo("invalid_unicode");
        }
        softly.assertAll();
        wiki.pages(owner.client()).get("Surrogate").expectError(404, "page_not_found");
        // A real pair written as two escapes is one emoji, stored as such.
        byte[] pair = "{\"content\":\"\\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8);
        owner.client().sendBytes("PUT", wiki.page("Surrogate"), pair).expect(201);
        assertThat(wiki.pages(owner.client()).get("Surrogate").expect(200).text("content")).isEqualTo("😀");
    }

    @Test
    void aLoneSurrogateInASignUpIs400() {
        String username = Fixtures.randomName("u", 12);
        byte[] body = ("{\"username\":\"" + username + "\",\"password\":\"long-enough-password\","
                + "\"display_name\":\"Eve \\udc00\"}").getBytes(StandardCharsets.UTF_8);

        ApiClient.anonymous().sendBytes("POST", "/api/v1/users", body).expectError(400, "invalid_unicode");

        Fixtures.signUp(username, "long-enough-password").expect(201);
    }

    @Test
    void invisibleAndDirectionControlCharactersInAPageNameAre400NamingThem() {
        SoftAssertions softly = new SoftAssertions();
        for (String hidden : List.of("\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\u00AD", "\u2060")) {
            ApiResponse put = wiki.pages(owner.client()).put("invoice" + hidden + "txt", "x", null);

            softly.assertThat(put.status()).as("%s", put.describe()).isEqualTo(400);
            softly.assertThat(put.body()).as("%s", put.describe())
                    .contains("invalid_path")
                    .contains(String.format("U+%04X", hidden.codePointAt(0)))
                    .contains("position 8");
        }
        // The rename target is a door too.
        wiki.pages(owner.client()).create("Plain", "x");
        ApiResponse rename = owner.client().post(wiki.page("Plain") + "/rename", Map.of("new_path", "Pl\u202Eain"));
        softly.assertThat(rename.status()).as("%s", rename.describe()).isEqualTo(400);
        softly.assertAll();
        assertThat(wiki.pages(owner.client()).paths(null)).containsExactly("Plain");
    }

    @Test
    void nfcAndNfdSpellingsOfANameAreOnePage() {
        String nfd = "Cafe\u0301/Me\u0301nu";
        String nfc = "Caf\u00e9/M\u00e9nu";

        ApiResponse created = wiki.pages(owner.client()).put(nfd, "first", null).expect(201);
        assertThat(created.text("path")).as("the stored name is NFC").isEqualTo(nfc);
        ApiResponse again = wiki.pages(owner.client()).put(nfc, "second", null);

        again.expectError(409, "stale_revision");
        wiki.pages(owner.client()).update(nfc, "second", created.text("revision"));
        assertThat(wiki.pages(owner.client()).get(nfd).expect(200).text("content")).isEqualTo("second");
        assertThat(wiki.pages(owner.client()).paths(null)).containsExactly(nfc);
    }

    @Test
    void unsafeDisplayNamesAndEmailsAreRefusedAtSignUpThroughTheApi() {
        SoftAssertions softly = new SoftAssertions();
        String username = Fixtures.randomName("u", 12);
        for (Map.Entry<String, String> bad : List.of(Map.entry("display_name", "Eve <root@example.org>"),
                Map.entry("display_name", "Eve\nparent 0000"), Map.entry("display_name", "Ev\u202Ee"),
                Map.entry("email", "eve@example.org>"), Map.entry("email", "<eve@example.org"),
                Map.entry("email", "eve\u200B@example.org"))) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", username);
            body.put("password", "long-enough-password");
            body.put(bad.getKey(), bad.getValue());

            ApiResponse signUp = ApiClient.anonymous().post("/api/v1/users", body);

            softly.assertThat(signUp.status()).as("%s", signUp.describe()).isEqualTo(400);
            softly.assertThat(signUp.json() == null ? null : signUp.json().path("error").asText())
                    .as("%s", signUp.describe()).isEqualTo("invalid_" + bad.getKey());
        }
        softly.assertAll();
        Fixtures.signUp(username, "long-enough-password").expect(201);
    }

    @Test
    void unsafeDisplayNamesAreRefusedAtTheSignUpForm() {
        WebSession visitor = WebSession.visitorWithSession();
        String username = Fixtures.randomName("u", 12);

        ApiResponse form = visitor.submit("/signup", Map.of("username", username, "password", "long-enough-password",
                "display_name", "Eve <root@example.org>"));

        assertThat(form.status()).as("%s", form).isEqualTo(400);
        assertThat(form.body()).contains("id=\"form-problem\"");
        ApiClient.as(username, "long-enough-password").get("/api/v1/me").expect(401);
    }

    /**
     * An account made before names were checked still writes; its commits carry a cleaned name. The account is
     * changed in the database before it is first used: the server remembers accounts it has seen for up to
     * {@code authCacheSeconds}, as it would a change another node made.
     */
    @Test
    void anOldAccountWithAnUnsafeNameCanStillWrite() throws Exception {
        TestUser legacy = Fixtures.newUser();
        setProfileDirectly(legacy.username(), "Mallory <root@example.org>\ncommitter Eve", "m@example.org>\n<x");
        TestWiki legacyWiki = Fixtures.newWiki(legacy, false);

        legacyWiki.pages(legacy.client()).create("Legacy", "still writes");

        ApiResponse history = legacy.client().get(legacyWiki.page("Legacy") + "/history").expect(200);
        assertThat(history.array("changes")).singleElement().satisfies(change -> {
            assertThat(change.path("author").asText()).isEqualTo("Mallory root@example.org committer Eve");
            assertThat(change.path("email").asText()).isEqualTo("m@example.org x");
        });
    }

    /** What an account created by an older version may hold: written straight into the platform database. */
    private static void setProfileDirectly(String username, String displayName, String email) throws Exception {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + Fixtures.DATA.resolve("platform.db").toAbsolutePath());
        try (Connection connection = source.getConnection()) {
            connection.createStatement().execute("PRAGMA busy_timeout = 10000");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE users SET display_name = ?, email = ? WHERE username = ?")) {
                update.setString(1, displayName);
                update.setString(2, email);
                update.setString(3, username);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
