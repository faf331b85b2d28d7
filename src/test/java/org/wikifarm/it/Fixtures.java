package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fresh users and wikis for one test. The IT server is shared by every test and keeps its data between runs, so
 * every name is random and no test relies on another's data. The one platform admin tests may use is
 * {@link #admin()}, made the first account of the IT server by {@link AdminBootstrap}.
 */
public final class Fixtures {
    /** The IT Tomcat's data folder ({@code platform.db}, {@code wikis/<id>/…}). */
    public static final Path DATA = Path.of(System.getProperty("wikifarm.it.data", "target/it-data"));

    /** The IT server's platform admin: the first account, signed up by {@link AdminBootstrap}. */
    public static final String ADMIN_USERNAME = "itadmin";
    public static final String ADMIN_PASSWORD = "it-admin-password-not-a-secret";

    private static final char[] NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static TestUser admin;

    private Fixtures() {
    }

    /** {@code prefix} followed by {@code length} random lowercase letters and digits. */
    public static String randomName(String prefix, int length) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            name.append(NAME_CHARS[RANDOM.nextInt(NAME_CHARS.length)]);
        }
        return name.toString();
    }

    /**
     * Signs up a new account that is not a platform admin. The first account ever created becomes admin; if that
     * happens to be ours, we leave it unused and sign up another, so ownership checks are real.
     */
    public static TestUser newUser() {
        for (int attempt = 0; attempt < 3; attempt++) {
            String username = randomName("u", 12);
            String password = randomName("pw-", 20);
            ApiResponse created = signUp(username, password).expect(201);
            assertThat(created.text("username")).isEqualTo(username);
            assertThat(created.json().path("is_admin").isBoolean()).as("is_admin in %s", created).isTrue();
            if (!created.json().path("is_admin").asBoolean()) {
                return new TestUser(username, password, ApiClient.as(username, password));
            }
        }
        throw new AssertionError("every new account became an admin");
    }

    /**
     * The platform admin {@code itadmin}, signed up now unless it exists (idempotent: a sign-up that answers 409 is
     * fine too), then checked with {@code GET /api/v1/me}. It is an admin only if it was the server's first account,
     * which {@link AdminBootstrap} arranges before any test runs on a fresh data folder.
     */
    public static synchronized TestUser admin() {
        if (admin == null) {
            ApiClient client = ApiClient.as(ADMIN_USERNAME, ADMIN_PASSWORD);
            ApiResponse me = client.get("/api/v1/me");
            if (me.status() == 401) {
                ApiResponse created = signUp(ADMIN_USERNAME, ADMIN_PASSWORD);
                assertThat(created.status()).as("signing up the IT admin: %s", created).isIn(201, 409);
                me = client.get("/api/v1/me");
            }
            assertThat(me.status()).as("the IT admin signs in with its password: %s", me).isEqualTo(200);
            assertThat(me.json().path("is_admin").asBoolean()).as("%s is a platform admin: it must be the IT server's"
                    + " first account, so run on a fresh data folder (%s; mvn clean) - %s", ADMIN_USERNAME,
                    DATA.toAbsolutePath(), me).isTrue();
            admin = new TestUser(ADMIN_USERNAME, ADMIN_PASSWORD, client);
        }
        return admin;
    }

    public static ApiResponse signUp(String username, String password) {
        return ApiClient.anonymous().post("/api/v1/users", Map.of("username", username, "password", password));
    }

    public static TestWiki newWiki(TestUser owner, boolean isPublic) {
        return newWiki(owner, randomName("w", 10), isPublic);
    }

    /**
     * A new wiki without pages. A wiki starts with a Home page that says how to begin (NewWikiHomeIT); the tests that
     * use this one are about the pages they write themselves, so it is deleted first, with {@link #EMPTY_WIKI} as the
     * deletion's message, and {@link Pages}' lists of changes leave out these two commits.
     */
    public static TestWiki newWiki(TestUser owner, String slug, boolean isPublic) {
        TestWiki wiki = newWikiAsCreated(owner, slug, isPublic);
        owner.client().delete(wiki.page("Home") + "?message=" + encodeQuery(EMPTY_WIKI)).expect(200);
        return wiki;
    }

    /** The message of the commit that deletes a test wiki's first Home ({@link #newWiki}). */
    public static final String EMPTY_WIKI = "Test set-up: start from an empty wiki";
    /** The message of a new wiki's first commit, the Home page that says how to begin. */
    public static final String FIRST_HOME = "A new wiki: Home says how to begin";

    /** A new wiki as its owner gets it: with the Home page that says how to begin. */
    public static TestWiki newWikiAsCreated(TestUser owner, String slug, boolean isPublic) {
        ApiResponse created = createWiki(owner.client(), slug, isPublic).expect(201);
        assertThat(created.text("owner")).as("owner in %s", created).isEqualTo(owner.username());
        assertThat(created.text("slug")).as("slug in %s", created).isEqualTo(slug);
        assertThat(created.json().path("is_public").asBoolean()).as("is_public in %s", created).isEqualTo(isPublic);
        return new TestWiki(created.text("id"), owner.username(), slug, created.json());
    }

    public static ApiResponse createWiki(ApiClient client, String slug, boolean isPublic) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("is_public", isPublic);
        return client.post("/api/v1/wikis", body);
    }

    /**
     * A page path as it goes into a URL: folders stay separated by {@code /}, everything in a segment that is not
     * an unreserved character is percent-encoded as UTF-8.
     */
    public static String encodePath(String pagePath) {
        StringBuilder out = new StringBuilder();
        for (byte b : pagePath.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Encodes a whole value for a query string (every reserved character, including {@code /}). */
    public static String encodeQuery(String value) {
        return encodePath(value).replace("/", "%2F");
    }
}
