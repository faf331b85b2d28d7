package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Sign-in by an authenticating reverse proxy: {@code X-Wikifarm-User} (with {@code X-Wikifarm-Email} and
 * {@code X-Wikifarm-Name}) is believed from a trusted peer (the IT server trusts the default 127.0.0.1 and ::1) and
 * provisions the user once; from any other peer the headers are ignored. The untrusted peer is this machine too, on
 * another loopback address: a raw socket bound to 127.0.0.7, so the server sees a different TCP peer.
 */
class ProxyHeadersIT {
    private static final String USER = "X-Wikifarm-User";
    private static final String EMAIL = "X-Wikifarm-Email";
    private static final String NAME = "X-Wikifarm-Name";
    private static final String TRUSTED = "127.0.0.1";
    private static final String UNTRUSTED = "127.0.0.7";

    @Test
    void aTrustedProxysSubjectIsProvisionedOnceWithAUsernameDerivedFromIt() {
        String handle = Fixtures.randomName("alice-", 10);
        String subject = "@" + handle + ".bsky.social";

        ApiResponse first = HeaderClient.withHeaders(Map.of(USER, subject)).get("/api/v1/me").expect(200);
        ApiResponse again = HeaderClient.withHeaders(Map.of(USER, subject)).get("/api/v1/me").expect(200);

        assertThat(first.text("username")).as("username derived from %s", subject).isEqualTo(handle);
        assertThat(again.text("username")).as("the same subject is the same user, not a second one")
                .isEqualTo(handle);
        assertThat(first.json().path("created_at")).isEqualTo(again.json().path("created_at"));
        assertThat(first.json().path("is_admin").asBoolean()).isFalse();
        // Nobody can sign up under the provisioned name, so it really is taken by one account.
        Fixtures.signUp(handle, "long-enough-password").expectJsonError(409);
    }

    @Test
    void theEmailAndNameHeadersAreStoredAndKeptUpToDate() {
        String subject = "@" + Fixtures.randomName("bob-", 10) + ".bsky.social";
        String mailbox = Fixtures.randomName("carol-", 10);
        Map<String, String> headers = Map.of(USER, subject, EMAIL, mailbox + "@example.org", NAME, "Carol Example");

        ApiResponse me = HeaderClient.withHeaders(headers).get("/api/v1/me").expect(200);

        assertThat(me.text("username")).as("username derived from the email").isEqualTo(mailbox);
        assertThat(me.text("email")).isEqualTo(mailbox + "@example.org");
        assertThat(me.text("display_name")).isEqualTo("Carol Example");

        ApiResponse renamed = HeaderClient.withHeaders(Map.of(USER, subject, NAME, "Carol Renamed"))
                .get("/api/v1/me").expect(200);
        assertThat(renamed.text("username")).isEqualTo(mailbox);
        assertThat(renamed.text("display_name")).as("the proxy's new name").isEqualTo("Carol Renamed");
        assertThat(renamed.text("email")).as("an email the proxy did not send again is kept")
                .isEqualTo(mailbox + "@example.org");
    }

    @Test
    void headersFromAnUntrustedPeerAreIgnored() {
        String handle = Fixtures.randomName("mallory-", 10);
        String subject = "@" + handle + ".bsky.social";
        Map<String, String> headers = Map.of(USER, subject, EMAIL, handle + "@example.org", NAME, "Mallory");

        RawAnswer untrusted = rawGet(UNTRUSTED, "/api/v1/me", headers);
        Map<String, String> forwarded = new LinkedHashMap<>(headers);
        forwarded.put("X-Forwarded-For", TRUSTED);
        forwarded.put("X-Real-IP", TRUSTED);
        RawAnswer pretending = rawGet(UNTRUSTED, "/api/v1/me", forwarded);

        assertThat(untrusted.status()).as("identity headers from %s: %s", UNTRUSTED, untrusted).isEqualTo(401);
        assertThat(untrusted.text()).containsIgnoringCase("WWW-Authenticate:");
        assertThat(pretending.status()).as("identity headers from %s claiming to forward for %s: %s", UNTRUSTED,
                TRUSTED, pretending).isEqualTo(401);
        // Nothing was provisioned: the name the subject would have got is still free.
        Fixtures.signUp(handle, "long-enough-password").expect(201);

        // The same hand-written request from a trusted address is believed: the 401s above are about the peer.
        String control = "@" + Fixtures.randomName("trent-", 10) + ".bsky.social";
        RawAnswer trusted = rawGet(TRUSTED, "/api/v1/me", Map.of(USER, control));
        assertThat(trusted.status()).as("the same request from %s: %s", TRUSTED, trusted).isEqualTo(200);
    }

    @Test
    void controlCharactersInTheSubjectHeaderFromATrustedPeerAre400() {
        SoftAssertions softly = new SoftAssertions();
        for (char control : new char[] {'\t', '\u0001', '\u007f'}) {
            String handle = Fixtures.randomName("ctl-", 10);
            RawAnswer answer = rawGet(TRUSTED, "/api/v1/me", Map.of(USER, "@" + handle + control + "x.bsky.social"));
            softly.assertThat(answer.status()).as("%s with U+%04X from a trusted peer: %s", USER, (int) control,
                    answer).isEqualTo(400);
        }
        softly.assertAll();
    }

    /**
     * The name and email headers never lock a person out: what is unsafe in them is dropped, the rest is kept.
     * (Tomcat itself refuses most control characters in any header before the application sees them; a tab and
     * characters that do not show arrive.)
     */
    @Test
    void unsafeCharactersInTheNameAndEmailHeadersAreCleanedNotRefused() {
        SoftAssertions softly = new SoftAssertions();
        for (String unsafe : new String[] {"\t", "\u202E", "\u200B"}) {
            String handle = Fixtures.randomName("ctl-", 10);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(USER, "@" + handle + ".bsky.social");
            headers.put(EMAIL, asProxySends("<" + handle + unsafe + "@example.org>"));
            headers.put(NAME, asProxySends("Control" + unsafe + "<Character>"));
            RawAnswer answer = rawGet(TRUSTED, "/api/v1/me", headers);
            softly.assertThat(answer.status()).as("name and email with U+%04X from a trusted peer: %s",
                    unsafe.codePointAt(0), answer).isEqualTo(200);
            String expectedName = unsafe.equals("\t") ? "Control Character" : "ControlCharacter";
            softly.assertThat(answer.text()).as("cleaned name and email of %s", answer)
                    .contains("\"display_name\":\"" + expectedName + "\"")
                    .contains("\"email\":\"" + handle + "@example.org\"");
        }
        softly.assertAll();
    }

    /** A header value as a proxy sends non-ASCII text: its UTF-8 bytes, which rawGet writes one per character. */
    private static String asProxySends(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aNameHeaderInUtf8IsReadAsUtf8() {
        String handle = Fixtures.randomName("utf-", 10);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(USER, "@" + handle + ".bsky.social");
        headers.put(NAME, asProxySends("José Ñandú"));

        RawAnswer answer = rawGet(TRUSTED, "/api/v1/me", headers);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.text()).contains("\"display_name\":\"José Ñandú\"");
    }

    /** A status line and everything after it, as read from the socket. */
    record RawAnswer(int status, String text) {
        @Override
        public String toString() {
            return text.length() > 1500 ? text.substring(0, 1500) + "…" : text;
        }
    }

    /**
     * A GET written by hand on a socket bound to {@code localAddress}, so the server sees that TCP peer; header
     * values go out byte for byte (ISO-8859-1), control characters included.
     */
    static RawAnswer rawGet(String localAddress, String path, Map<String, String> headers) {
        URI server = URI.create(ApiClient.BASE);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
                .append("Host: ").append(server.getHost()).append(':').append(server.getPort()).append("\r\n")
                .append("Accept: application/json\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            String[] statusLine = text.split("\r\n", 2)[0].split(" ");
            assertThat(statusLine.length).as("a status line in %s", text).isGreaterThanOrEqualTo(2);
            return new RawAnswer(Integer.parseInt(statusLine[1]), text);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " from " + localAddress + " failed: " + e, e);
        }
    }
}
