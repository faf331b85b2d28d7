package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Files attached to pages over HTTP in the real Tomcat: raw and JSON uploads, downloads with the detected type and
 * the safe-serving headers (nosniff, sandbox CSP, attachment for active types, ETag and 304), thumbnails, images
 * embedded in the rendered page, files moving with a renamed page, hostile names and sizes refused with nothing
 * stored, and every route closed to another wiki's members and tokens and to anonymous callers.
 */
class AttachmentsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    /** A binary-safe request: the status, headers and raw bytes. */
    record Raw(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Raw send(String method, String path, String authorization, byte[] body, String contentType,
                    Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ApiClient.BASE + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), BodyHandlers.ofByteArray());
            return new Raw(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String basic(TestUser user) {
        return "Basic " + Base64.getEncoder().encodeToString((user.username() + ":" + user.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    static byte[] png(int width, int height) {
        try {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0x00ff00);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An editor token of the wiki, as "Bearer …": raw uploads with any Content-Type are for token clients. */
    static String token(TestUser owner, TestWiki wiki) {
        return "Bearer " + owner.client().post(wiki.api() + "/tokens", Map.of("name", Fixtures.randomName("t-", 8),
                "role", "editor")).expect(201).text("secret");
    }

    private static String files(TestWiki wiki, String page) {
        return wiki.page(page) + "/attachments";
    }

    @Test
    void uploadListDownloadAndServeSafely() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        wiki.pages(owner.client()).create("Folder/Page", "Look: ![a diagram](diagram.png) and ![](diagram.png?thumb=16)");
        byte[] image = png(40, 20);
        String token = token(owner, wiki);

        Raw put = send("PUT", files(wiki, "Folder/Page") + "/diagram.png", token, image, "image/png", Map.of());
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        String html = "<html><script>alert(1)</script></html>";
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        ApiResponse several = owner.client().post(files(wiki, "Folder/Page"), Map.of("files", List.of(
                Map.of("name", "note.txt", "content_base64", b64("plain words")),
                Map.of("name", "page.html", "content_base64", b64(html)),
                Map.of("name", "fake.png", "content_base64", b64(svg))), "message", "three files")).expect(201);
        assertThat(several.array("files")).extracting(f -> f.path("name").asText())
                .containsExactly("note.txt", "page.html", "fake.png");

        ApiResponse list = owner.client().get(files(wiki, "Folder/Page")).expect(200);
        assertThat(list.array("attachments")).extracting(f -> f.path("name").asText())
                .containsExactly("diagram.png", "fake.png", "note.txt", "page.html");

        Raw download = send("GET", files(wiki, "Folder/Page") + "/diagram.png", basic(owner), null, null, Map.of());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(image);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Security-Policy")).startsWith("sandbox");
        String etag = download.header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{40}\"");
        assertThat(download.header("Cache-Control")).contains("max-age");
        Raw again = send("GET", files(wiki, "Folder/Page") + "/diagram.png", basic(owner), null, null,
                Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        // Active content: served as a download whatever its name says, under the sandbox.
        for (String name : List.of("page.html", "fake.png")) {
            Raw active = send("GET", files(wiki, "Folder/Page") + "/" + name, basic(owner), null, null, Map.of());
            assertThat(active.status()).isEqualTo(200);
            assertThat(active.header("Content-Disposition")).as(name).startsWith("attachment;");
            assertThat(active.header("Content-Type")).as(name).isIn("text/html", "image/svg+xml");
            assertThat(active.header("Content-Security-Policy")).startsWith("sandbox");
        }
        Raw text = send("GET", files(wiki, "Folder/Page") + "/note.txt", basic(owner), null, null, Map.of());
        assertThat(text.header("Content-Type")).startsWith("text/plain");
        assertThat(text.header("Content-Disposition")).startsWith("inline;");

        Raw thumb = send("GET", files(wiki, "Folder/Page") + "/diagram.png?thumb=10", basic(owner), null, null,
                Map.of());
        assertThat(thumb.status()).isEqualTo(200);
        assertThat(thumb.header("Content-Type")).isEqualTo("image/png");
        assertThat(size(thumb.body())).containsExactly(10, 5);

        // The web UI: the page embeds its image, the file and its thumbnail are served with the same headers.
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        WebSession web = WebSession.signedIn(owner);
        var view = Jsoup.parse(web.get(base + "/Folder/Page").body());
        assertThat(view.select("img").eachAttr("src")).contains(base + "/-/file/Folder/Page/diagram.png",
                base + "/-/file/Folder/Page/diagram.png?thumb=16");
        assertThat(view.select("#attachments-link").attr("href")).isEqualTo(base + "/-/attachments/Folder/Page");
        String cookie = web.cookieHeader();
        Raw served = send("GET", base + "/-/file/Folder/Page/diagram.png", null, null, null, Map.of("Cookie", cookie));
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(image);
        assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Raw servedHtml = send("GET", base + "/-/file/Folder/Page/page.html", null, null, null,
                Map.of("Cookie", cookie));
        assertThat(servedHtml.header("Content-Disposition")).startsWith("attachment;");
        assertThat(servedHtml.header("Content-Security-Policy")).startsWith("sandbox");
        Raw servedThumb = send("GET", base + "/-/file/Folder/Page/diagram.png?thumb=16", null, null, null,
                Map.of("Cookie", cookie));
        assertThat(size(servedThumb.body())).containsExactly(16, 8);
        var screen = Jsoup.parse(web.get(base + "/-/attachments/Folder/Page").body());
        assertThat(screen.select("a.file-link").eachText()).containsExactly("diagram.png", "fake.png", "note.txt",
                "page.html");
        assertThat(screen.select("#upload-form")).hasSize(1);

        owner.client().get(wiki.page("Folder/Page") + "/attachments/note.txt/history").expect(200);
    }

    @Test
    void filesMoveWithTheirPageAndGoWithIt() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("Old", "text");
        // With HTTP Basic every write says application/json (the API's rule against cross-site requests).
        assertThat(send("PUT", files(wiki, "Old") + "/a.bin", basic(owner), new byte[] {1, 2, 3},
                "application/json", Map.of()).status()).isEqualTo(201);
        pages.rename("Old", "New/Place").expect(200);

        assertThat(owner.client().get(files(wiki, "New/Place")).expect(200).array("attachments"))
                .extracting(f -> f.path("name").asText()).containsExactly("a.bin");
        owner.client().get(files(wiki, "Old")).expectError(404, "page_not_found");
        owner.client().post(files(wiki, "New/Place") + "/a.bin/rename", Map.of("new_name", "b.bin")).expect(200);
        owner.client().delete(files(wiki, "New/Place") + "/b.bin").expect(200);
        assertThat(owner.client().get(files(wiki, "New/Place")).expect(200).array("attachments")).isEmpty();

        // A page deleted with its files, then restored: the files come back with it.
        assertThat(send("PUT", files(wiki, "New/Place") + "/c.bin", basic(owner), new byte[] {4, 5},
                "application/json", Map.of()).status()).isEqualTo(201);
        pages.delete("New/Place").expect(200);
        owner.client().post(wiki.page("New/Place") + "/restore", Map.of()).expect(201);
        assertThat(owner.client().get(files(wiki, "New/Place")).expect(200).array("attachments"))
                .extracting(f -> f.path("name").asText()).containsExactly("c.bin");
    }

    @Test
    void hostileNamesSizesAndTheQuotaAreRefusedWithNothingStored() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        wiki.pages(owner.client()).create("Page", "text");
        String token = token(owner, wiki);
        // (Names Tomcat itself refuses in a URL, such as an encoded backslash or "..", are tried in a JSON body below.)
        for (String name : List.of(".git", "CON", "nul.txt", "page.md", "x%01y", "%20lead", "a".repeat(256),
                "a%E2%80%AEb.txt", "a%3Ab")) {
            Raw refused = send("PUT", files(wiki, "Page") + "/" + name, token, "x".getBytes(),
                    "application/octet-stream", Map.of());
            assertThat(refused.status()).as("%s: %s", name, refused.text()).isEqualTo(400);
            assertThat(refused.text()).contains("\"error\"").contains("\"message\"");
        }
        for (String name : List.of("..", "../x", "a\\b", "a/b")) {
            owner.client().post(files(wiki, "Page"), Map.of("files", List.of(Map.of("name", name,
                    "content_base64", b64("x"))))).expectError(400, "invalid_file_name");
        }
        owner.client().post(files(wiki, "Page"), Map.of("files", List.of(Map.of("name", "x.bin",
                "content_base64", "not base64!")))).expectError(400, "invalid_base64");
        // Without a token, a write that is not declared JSON is refused (the API's rule against cross-site requests).
        assertThat(send("PUT", files(wiki, "Page") + "/x.txt", basic(owner), "x".getBytes(), "text/plain", Map.of())
                .status()).isEqualTo(415);
        assertThat(send("PUT", files(wiki, "Page") + "/x.txt", basic(owner), "x".getBytes(),
                "application/octet-stream", Map.of()).status()).isEqualTo(415);

        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
        Raw big = send("PUT", files(wiki, "Page") + "/big.bin", token, tooLarge, "application/octet-stream",
                Map.of());
        assertThat(big.status()).as(big.text()).isEqualTo(413);
        assertThat(big.text()).contains("\"message\"");

        long used = QuotaIT.diskUsage(owner.client(), wiki);
        QuotaIT.setLimits(Fixtures.admin().client(), wiki, used + 100_000, null).expect(200);
        Raw overQuota = send("PUT", files(wiki, "Page") + "/over.bin", token, new byte[200_000],
                "application/octet-stream", Map.of());
        assertThat(overQuota.status()).as(overQuota.text()).isEqualTo(413);
        assertThat(overQuota.text()).contains("quota_exceeded");
        assertThat(owner.client().get(files(wiki, "Page")).expect(200).array("attachments")).isEmpty();
        owner.client().get(files(wiki, "Missing")).expectError(404, "page_not_found");
        owner.client().get(files(wiki, "Page") + "/nothing.png").expectError(404, "attachment_not_found");
    }

    /** Cross-tenant: every route and screen, with another wiki's member, its token, and nobody. */
    @Test
    void noRouteLetsAnotherWikiOrAnonymousCallersIn() {
        TestUser owner = Fixtures.newUser();
        TestUser stranger = Fixtures.newUser();
        TestWiki secret = Fixtures.newWiki(owner, false);
        TestWiki theirs = Fixtures.newWiki(stranger, false);
        secret.pages(owner.client()).create("Page", "text");
        theirs.pages(stranger.client()).create("Page", "theirs");
        assertThat(send("PUT", files(secret, "Page") + "/secret.txt", token(owner, secret),
                "the secret bytes".getBytes(), "application/octet-stream", Map.of()).status()).isEqualTo(201);
        String token = stranger.client().post(theirs.api() + "/tokens",
                Map.of("name", Fixtures.randomName("t-", 8), "role", "editor")).expect(201).text("secret");
        String base = "/" + secret.owner() + "/" + secret.slug();

        Map<String, String> callers = Map.of("stranger", basic(stranger), "token", "Bearer " + token);
        for (var caller : callers.entrySet()) {
            String auth = caller.getValue();
            int expected = caller.getKey().equals("token") ? 401 : 403;
            List<Raw> answers = List.of(
                    send("GET", files(secret, "Page"), auth, null, null, Map.of()),
                    send("GET", files(secret, "Page") + "/secret.txt", auth, null, null, Map.of()),
                    send("GET", files(secret, "Page") + "/secret.txt?thumb=10", auth, null, null, Map.of()),
                    send("GET", files(secret, "Page") + "/secret.txt/history", auth, null, null, Map.of()),
                    send("PUT", files(secret, "Page") + "/secret.txt", auth, "overwritten".getBytes(),
                            "application/json", Map.of()),
                    send("POST", files(secret, "Page"), auth, ("{\"files\":[{\"name\":\"x.txt\",\"content_base64\":\""
                            + b64("x") + "\"}]}").getBytes(), "application/json", Map.of()),
                    send("POST", files(secret, "Page") + "/secret.txt/rename", auth,
                            "{\"new_name\":\"y.txt\"}".getBytes(), "application/json", Map.of()),
                    send("DELETE", files(secret, "Page") + "/secret.txt", auth, null, null, Map.of()));
            for (Raw answer : answers) {
                assertThat(answer.status()).as("%s: %s", caller.getKey(), answer.text()).isEqualTo(expected);
                assertThat(answer.text()).doesNotContain("the secret bytes");
            }
        }
        for (String path : List.of(files(secret, "Page"), files(secret, "Page") + "/secret.txt")) {
            Raw anonymous = send("GET", path, null, null, null, Map.of());
            assertThat(anonymous.status()).isEqualTo(401);
        }
        // The web UI's screen and file route.
        WebSession strangerWeb = WebSession.signedIn(stranger);
        for (String screen : List.of(base + "/-/attachments/Page", base + "/-/file/Page/secret.txt")) {
            ApiResponse page = strangerWeb.get(screen);
            assertThat(page.status()).as(screen).isEqualTo(403);
            assertThat(page.body()).doesNotContain("the secret bytes");
            assertThat(WebSession.newVisitor().get(screen).status()).as(screen).isIn(302, 303);
        }
        // The same page name in the stranger's own wiki has none of the secret's files.
        assertThat(stranger.client().get(files(theirs, "Page")).expect(200).array("attachments")).isEmpty();
        assertThat(send("GET", files(theirs, "Page") + "/secret.txt", basic(stranger), null, null, Map.of())
                .status()).isEqualTo(404);
        // Nothing changed in the secret wiki.
        Raw intact = send("GET", files(secret, "Page") + "/secret.txt", basic(owner), null, null, Map.of());
        assertThat(intact.text()).isEqualTo("the secret bytes");
        assertThat(owner.client().get(files(secret, "Page")).expect(200).array("attachments")).hasSize(1);
    }

    @Test
    void theWebFormUploadsSeveralFilesRenamesAndDeletes() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        wiki.pages(owner.client()).create("Page", "text");
        String screen = "/" + wiki.owner() + "/" + wiki.slug() + "/-/attachments/Page";
        WebSession web = WebSession.signedIn(owner);
        web.get(screen);

        ApiResponse uploaded = web.sendBytes("POST", screen, "multipart/form-data; boundary=XyZ",
                multipart(web.csrf(), Map.of(), Map.of("one.txt", "first", "two.png", new String(png(2, 2),
                        StandardCharsets.ISO_8859_1))));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(303);
        assertThat(owner.client().get(files(wiki, "Page")).expect(200).array("attachments"))
                .extracting(f -> f.path("name").asText()).containsExactly("one.txt", "two.png");

        ApiResponse forEditor = web.sendBytes("POST", screen, "multipart/form-data; boundary=XyZ",
                multipart(web.csrf(), Map.of("format", "json"), Map.of("pasted.png", "x")));
        assertThat(forEditor.status()).isEqualTo(201);
        assertThat(forEditor.body()).contains("\"markdown\":\"![](pasted.png)\"");
        ApiResponse refused = web.sendBytes("POST", screen, "multipart/form-data; boundary=XyZ",
                multipart(web.csrf(), Map.of("format", "json"), Map.of("bad.md", "x")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_file_name");
        ApiResponse forged = web.sendBytes("POST", screen, "multipart/form-data; boundary=XyZ",
                multipart("0".repeat(64), Map.of(), Map.of("forged.txt", "x")));
        assertThat(forged.status()).isEqualTo(403);

        assertThat(web.post(screen, Map.of("csrf", web.csrf(), "action", "rename", "name", "one.txt", "new_name",
                "uno.txt")).status())
                .isEqualTo(303);
        assertThat(web.post(screen, Map.of("csrf", web.csrf(), "action", "delete", "name", "two.png")).status()).isEqualTo(303);
        assertThat(owner.client().get(files(wiki, "Page")).expect(200).array("attachments"))
                .extracting(f -> f.path("name").asText()).containsExactly("pasted.png", "uno.txt");
    }

    /** A multipart form body with the boundary {@code XyZ}: the CSRF token, text fields and files. */
    private static byte[] multipart(String csrf, Map<String, String> fields, Map<String, String> files) {
        StringBuilder body = new StringBuilder();
        body.append("--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n").append(csrf).append("\r\n");
        fields.forEach((name, value) -> body.append("--XyZ\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n"));
        files.forEach((name, content) -> body.append("--XyZ\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"").append(name).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(content).append("\r\n"));
        body.append("--XyZ--\r\n");
        return body.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int[] size(byte[] image) {
        try {
            BufferedImage read = ImageIO.read(new java.io.ByteArrayInputStream(image));
            return new int[] {read.getWidth(), read.getHeight()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
