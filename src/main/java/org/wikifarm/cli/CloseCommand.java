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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wikifarm close --idle|WIKI --url URL --user ADMIN}: closes open wikis of a <em>running</em> server. Open
 * wikis live in the server's memory, so unlike the other commands this one does not touch the data folder: it asks
 * the server's admin API ({@code POST /api/v1/admin/open-wikis/{id}/close}, {@code …/close-idle}) as a platform
 * administrator signed in with HTTP Basic. The password comes from {@code WIKIFARM_PASSWORD} or
 * {@code --password-file}, never from the command line (where {@code ps} would show it).
 */
@Command(name = "close", description = {"Closes open wikis of a running server through its admin API (a wiki in use"
        + " is never closed).", "The password is read from WIKIFARM_PASSWORD or --password-file."})
final class CloseCommand extends CommandBase {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--idle", required = true, description = "Every open wiki nobody is using.")
        boolean idle;

        @Parameters(paramLabel = "WIKI_ID", description = "One wiki, by its id (wikifarm wikis list shows it).")
        String wiki;
    }

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The server, e.g. http://127.0.0.1:8080")
    URI url;

    @Option(names = "--user", required = true, paramLabel = "ADMIN", description = "A platform administrator.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file holding the password.")
    Path passwordFile;

    @Override
    int execute() throws Exception {
        String password = passwordFile != null ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
                : System.getenv("WIKIFARM_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new WikifarmException.InvalidInput("no_password",
                    "Give the administrator's password in WIKIFARM_PASSWORD or with --password-file.");
        }
        if (which.wiki != null && !org.wikifarm.store.TenantId.isValid(which.wiki)) {
            throw new WikifarmException.InvalidInput("invalid_wiki", "Name the wiki by its id: " + which.wiki);
        }
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = which.idle ? "/api/v1/admin/open-wikis/close-idle"
                : "/api/v1/admin/open-wikis/" + which.wiki + "/close";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return common.fail("server_unreachable", "No server answers at " + base + ".", ExitCode.SERVER);
        } catch (IOException e) {
            return common.fail("server_unreachable", "The server at " + base + " could not be asked: "
                    + e.getMessage(), ExitCode.SERVER);
        }
        JsonNode body;
        try {
            body = Common.JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() != 200) {
            String code = body != null && body.hasNonNull("error") ? body.get("error").asText() : "http_"
                    + response.statusCode();
            String message = body != null && body.hasNonNull("message") ? body.get("message").asText()
                    : "The server answered " + response.statusCode() + ".";
            int exit = response.statusCode() == 404 ? ExitCode.NOT_FOUND
                    : response.statusCode() == 409 ? ExitCode.CONFLICT : ExitCode.SERVER;
            return common.fail(code, message, exit);
        }
        String text = which.idle ? "Closed " + (body == null ? "?" : body.path("closed").asText()) + " idle wikis."
                : "Closed wiki " + which.wiki + ".";
        common.answer(body, text);
        return ExitCode.OK;
    }
}
