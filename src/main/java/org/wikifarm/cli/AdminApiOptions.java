package org.wikifarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.wikifarm.error.WikifarmException;
import picocli.CommandLine.Option;

/**
 * The options and the call of the commands that act on a <em>running</em> server through its admin API ({@code close},
 * {@code nodes}, {@code move}): the server's address and a platform administrator signed in with HTTP Basic, whose
 * password comes from {@code WIKIFARM_PASSWORD} or {@code --password-file}, never from the command line (where
 * {@code ps} would show it).
 */
final class AdminApiOptions {
    @Option(names = "--url", required = true, paramLabel = "URL", description = "The server, e.g. http://127.0.0.1:8080")
    URI url;

    @Option(names = "--user", required = true, paramLabel = "ADMIN", description = "A platform administrator.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file holding the password.")
    Path passwordFile;

    /** A call's answer: its status and JSON body (null when the body is not JSON). */
    record Answer(int status, JsonNode body) {
    }

    /**
     * Calls {@code method path} with a JSON body (null: none), waiting up to {@code timeout}; a server that cannot be
     * reached is {@code server_unreachable} ({@link ExitCode#SERVER}).
     */
    Answer call(String method, String path, String json, Duration timeout) throws IOException, InterruptedException {
        String password = passwordFile != null ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
                : System.getenv("WIKIFARM_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new WikifarmException.InvalidInput("no_password",
                    "Give the administrator's password in WIKIFARM_PASSWORD or with --password-file.");
        }
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw unreachable("No server answers at " + base + ".");
        } catch (IOException e) {
            throw unreachable("The server at " + base + " could not be asked: " + e.getMessage());
        }
        JsonNode body;
        try {
            body = Common.JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        return new Answer(response.statusCode(), body);
    }

    /** The failure an answer other than 200 is: its code, message and exit code. */
    static int fail(Common common, Answer answer) {
        JsonNode body = answer.body();
        String code = body != null && body.hasNonNull("error") ? body.get("error").asText() : "http_"
                + answer.status();
        String message = body != null && body.hasNonNull("message") ? body.get("message").asText()
                : "The server answered " + answer.status() + ".";
        int exit = answer.status() == 404 ? ExitCode.NOT_FOUND
                : answer.status() == 409 ? ExitCode.CONFLICT : ExitCode.SERVER;
        return common.fail(code, message, exit);
    }

    private static WikifarmException unreachable(String message) {
        return new WikifarmException.Unavailable("server_unreachable", message);
    }
}
