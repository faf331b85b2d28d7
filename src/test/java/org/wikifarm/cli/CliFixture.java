package org.wikifarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.wikifarm.app.App;
import org.wikifarm.app.TestFarm;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.config.Settings;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;
import org.wikifarm.tenant.Wikis;

/**
 * A data folder made by the product's own services (a platform admin and {@code alice <alice@example.org>}), then
 * closed as a stopped server leaves it; the tool run in this JVM through {@link Main#run}; and the services opened
 * again on the folder to see what a server would serve.
 */
final class CliFixture {
    final Path data;

    CliFixture(Path data) {
        this.data = data;
        try (TestFarm farm = new TestFarm(data, Settings.Limits.DEFAULT)) {
            farm.app.accounts().signUp(Caller.ANONYMOUS, "alice", "correct horse battery alice", "alice@example.org",
                    "Alice");
        }
    }

    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + out + " / " + err, e);
            }
        }
    }

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (!all.contains("--data")) {
            all.add("--data");
            all.add(data.toString());
        }
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** The product's services on the data folder, as a server would start them. */
    App open() {
        Settings defaults = Settings.defaults(data);
        return new App(new Settings(data, null, defaults.openWikiCap(), defaults.maxBodyBytes(), true,
                defaults.proxy(), new Settings.Search(1, "off", data.resolve("cache")), defaults.limits(),
                defaults.render(), defaults.signIn()), java.time.Clock.systemUTC(), Wikis.Start.EMPTY);
    }

    static Wiki wiki(App app, String owner, String slug) {
        return new WikiRepository(app.platform()).findByOwnerAndSlug(new Username(owner), new Slug(slug))
                .orElseThrow(() -> new AssertionError("no wiki " + owner + "/" + slug));
    }

    static Caller admin(App app) {
        User admin = new org.wikifarm.auth.UserRepository(app.platform()).findByUsername(new Username("firstadmin"))
                .orElseThrow();
        return new Caller(admin);
    }

    static boolean exists(App app, TenantId id) {
        return new WikiRepository(app.platform()).findById(id).isPresent();
    }
}
