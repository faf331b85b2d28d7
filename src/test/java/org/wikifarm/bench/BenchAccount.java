package org.wikifarm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one account the benchmarks work as, {@code bench}: the first account of the bench server's fresh data folder
 * and so its platform admin (only an admin sees open files and heap in {@code /api/v1/health}). Signed up once per
 * test JVM by whichever benchmark asks first, so the benchmarks share it and may run in any order.
 */
final class BenchAccount {
    static final String USERNAME = "bench";

    private static BenchClient client;
    private static String password;
    private static boolean admin;

    private BenchAccount() {
    }

    /** The signed-in bench account, for benchmarks that only need to own wikis. */
    static synchronized BenchClient user(String base) {
        if (client == null) {
            signUp(base);
        }
        return client;
    }

    /** The signed-in bench account; fails unless it is the platform admin. */
    static synchronized BenchClient admin(String base) {
        user(base);
        if (!admin) {
            throw new AssertionError("The bench account is not a platform admin (another account was created"
                    + " first), so /api/v1/health will not show open files and heap. Use a fresh data folder.");
        }
        return client;
    }

    /** The bench account's password (signed up first if need be), for signing in through the login form. */
    static synchronized String password(String base) {
        user(base);
        return password;
    }

    /**
     * Signs up, or — in a kept data folder (run with {@code -Dit.data.dir=<folder> -Dmaven.clean.skip=true}, as
     * {@link SearchSpeedBench} does to reuse a large wiki) — signs in with the password the first run left there.
     */
    private static void signUp(String base) {
        Path kept = Path.of(System.getProperty("wikifarm.it.data", "target/bench-data")).resolve("bench-account.txt");
        if (Files.isRegularFile(kept)) {
            try {
                password = Files.readString(kept, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            client = BenchClient.as(base, USERNAME, password);
            admin = client.get("/api/v1/me").expect(200).json().path("is_admin").asBoolean();
            return;
        }
        password = "bench-" + Long.toHexString(System.nanoTime());
        BenchClient.Reply signUp = BenchClient.anonymous(base).post("/api/v1/users",
                Map.of("username", USERNAME, "password", password));
        if (signUp.status() == 409) {
            throw new AssertionError("The account 'bench' exists already: the benchmark needs a fresh data folder."
                    + " Run it with `mvn -Pbench verify`, which empties it first.");
        }
        signUp.expect(201);
        if (Files.isDirectory(kept.getParent())) { // not when the server runs elsewhere
            try {
                Files.writeString(kept, password, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        client = BenchClient.as(base, USERNAME, password);
        admin = client.get("/api/v1/me").expect(200).json().path("is_admin").asBoolean();
    }
}
