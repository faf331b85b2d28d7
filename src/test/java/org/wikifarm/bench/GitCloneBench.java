package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * git over smart HTTP against git's own servers (docs/benchmarks.md, "git clone, fetch and push"), with the real
 * {@code git} CLI as the client everywhere:
 * <ul>
 * <li>a wiki made through the API gets 1,000 commits that each add a page (written with {@code git fast-import},
 * sent in one {@code git push}); then {@code git clone --bare} and {@code git ls-remote} of it from Wikifarm's
 * {@code <wiki>.git} (HTTP Basic as the owner, and with a viewer wiki token as the password), from {@code git daemon}
 * and from {@code git http-backend} (CGI behind the JDK's HTTP server), both serving a copy of the wiki's own
 * {@code repo.git}; the servers alternate within each round, a warm-up round and {@code wikifarm.bench.rounds}
 * (default 5) measured ones;</li>
 * <li>a fetch of 10 new commits into a clone made before them, from each server, alternating the same way;</li>
 * <li>pushes of 100 commits (each adds a page with a word of its own): the time from the start of {@code git push}
 * until {@code search/status} shows an empty queue and no indexing at the pushed head, and every one of the 100 words
 * finds its page in a text search.</li>
 * </ul>
 * Prints the figures and writes them beside the other results ({@code git-bench-results.md}). Fails only when a server
 * answers wrongly (a git command fails, a clone or fetch ends elsewhere than the pushed head, a pushed page is never
 * found), never on a time. Run alone: {@code mvn -Pbench verify -Dit.includes='**}{@code /bench/GitCloneBench.java'}.
 */
class GitCloneBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final int ROUNDS = Integer.getInteger("wikifarm.bench.rounds", 5);
    private static final int PAGES = Integer.getInteger("wikifarm.bench.gitPages", 1000);
    private static final int FETCH_COMMITS = 10;
    private static final int PUSH_COMMITS = 100;
    private static final int PUSH_ROUNDS = 3;
    private static final Duration INDEX_LIMIT = Duration.ofMinutes(10);
    private static final Duration GIT_LIMIT = Duration.ofMinutes(10);

    private static final String WIKIFARM = "Wikifarm (account password)";
    private static final String WIKIFARM_TOKEN = "Wikifarm (wiki token)";
    private static final String DAEMON = "git daemon";
    private static final String BACKEND = "git http-backend";

    private final MarkdownReport report = new MarkdownReport();
    private final Map<String, String> gitEnv = new HashMap<>();
    private long commitTime = 1_780_000_000L;

    @Test
    void git() throws Exception {
        String loadBefore = MarkdownReport.loadAverage();
        Path work = Files.createTempDirectory("git-bench");
        Process daemon = null;
        HttpBackend backend = null;
        try {
            BenchClient client = BenchAccount.admin(BASE);
            String password = BenchAccount.password(BASE);
            gitEnv.put("HOME", work.toString());
            gitEnv.put("GIT_CONFIG_NOSYSTEM", "1");
            gitEnv.put("GIT_TERMINAL_PROMPT", "0");
            gitEnv.put("GIT_CONFIG_COUNT", "1");
            gitEnv.put("GIT_CONFIG_KEY_0", "http.extraHeader");
            String passwordAuth = basic(BenchAccount.USERNAME, password);
            gitEnv.put("GIT_CONFIG_VALUE_0", passwordAuth);

            BenchFarm farm = new BenchFarm(client, BenchAccount.USERNAME);
            String wiki = farm.createWiki("git-clone");
            String wikiUrl = BASE + wiki + ".git";
            unlimited(client, "git-clone"); // 1,100+ pages: over the default page quota of 500

            // The history: 1,000 commits, each adding a page, in one push.
            Path author = work.resolve("author.git");
            git(work, "clone", "--bare", "-q", wikiUrl, author.toString());
            fastImport(author, PAGES, i -> String.format(Locale.ROOT, "Page-%04d", i),
                    i -> BenchFarm.PAGE_TEXT + "\nPage number " + i + ".\n");
            String head = git(author, "rev-parse", "refs/heads/main").strip();
            long pushStart = System.nanoTime();
            git(author, "push", "-q", wikiUrl, "main");
            double pushSeconds = seconds(System.nanoTime() - pushStart);
            awaitIndexed(client, wiki, head);
            double indexedSeconds = seconds(System.nanoTime() - pushStart);
            System.out.printf(Locale.ROOT, "bench: git: %d commits pushed in %.2f s, indexed after %.1f s%n", PAGES,
                    pushSeconds, indexedSeconds);

            // git's own server over a copy of the wiki's repository files.
            Path served = work.resolve("served");
            Files.createDirectories(served);
            Path wikiRepo = findRepository(head);
            copyRepository(wikiRepo, served.resolve("repo.git"));
            int port = freePort();
            daemon = startDaemon(served, port);
            String daemonUrl = "git://127.0.0.1:" + port + "/repo.git";
            String packInfo = git(served.resolve("repo.git"), "count-objects", "-v").replace('\n', ' ').strip();

            backend = new HttpBackend(served, gitEnv);
            String backendUrl = "http://127.0.0.1:" + backend.port() + "/repo.git";

            // A wiki token as the password (a hash lookup) next to the account's password (a password hash).
            String tokenAuth = basic("git", client.post(wiki + "/api/v1/tokens",
                    Map.of("name", "bench-git", "role", "viewer")).expect(201).text("secret"));

            // Clone, alternating; and the ref list alone, which is the fixed cost of a connection.
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put(WIKIFARM, wikiUrl);
            urls.put(DAEMON, daemonUrl);
            urls.put(WIKIFARM_TOKEN, wikiUrl);
            urls.put(BACKEND, backendUrl);
            Map<String, List<Long>> clones = new LinkedHashMap<>();
            Map<String, List<Long>> lsRemotes = new LinkedHashMap<>();
            for (int round = 0; round <= ROUNDS; round++) {
                Map<String, Long> clone = new LinkedHashMap<>();
                Map<String, Long> lsRemote = new LinkedHashMap<>();
                for (Map.Entry<String, String> server : urls.entrySet()) {
                    gitEnv.put("GIT_CONFIG_VALUE_0", server.getKey().equals(WIKIFARM_TOKEN) ? tokenAuth : passwordAuth);
                    clone.put(server.getKey(), timeClone(work, server.getValue(), head,
                            folder(server.getKey(), round)));
                }
                for (Map.Entry<String, String> server : urls.entrySet()) {
                    gitEnv.put("GIT_CONFIG_VALUE_0", server.getKey().equals(WIKIFARM_TOKEN) ? tokenAuth : passwordAuth);
                    lsRemote.put(server.getKey(), timeLsRemote(work, server.getValue(), head));
                }
                gitEnv.put("GIT_CONFIG_VALUE_0", passwordAuth);
                System.out.printf(Locale.ROOT, "bench: git %s: clone %s; ls-remote %s; load %s%n",
                        round == 0 ? "warm-up" : "round " + round, describe(clone), describe(lsRemote),
                        MarkdownReport.loadAverage());
                if (round > 0) {
                    clone.forEach((k, v) -> clones.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                    lsRemote.forEach((k, v) -> lsRemotes.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
            }
            long cloneBytes = folderBytes(work.resolve("clone-" + folder(WIKIFARM, 0)));

            // Fetch of 10 new commits into a clone made before them.
            Path before = work.resolve("before.git");
            git(work, "clone", "--bare", "-q", wikiUrl, before.toString());
            fastImport(author, FETCH_COMMITS, i -> String.format(Locale.ROOT, "Fetched-%02d", i),
                    i -> BenchFarm.PAGE_TEXT + "\nFetched page " + i + ".\n");
            String fetchHead = git(author, "rev-parse", "refs/heads/main").strip();
            git(author, "push", "-q", wikiUrl, "main");
            awaitIndexed(client, wiki, fetchHead);
            deleteRecursively(served.resolve("repo.git"));
            copyRepository(wikiRepo, served.resolve("repo.git"));
            urls.remove(WIKIFARM_TOKEN);
            Map<String, List<Long>> fetches = new LinkedHashMap<>();
            for (int round = 0; round <= ROUNDS; round++) {
                Map<String, Long> fetch = new LinkedHashMap<>();
                for (Map.Entry<String, String> server : urls.entrySet()) {
                    fetch.put(server.getKey(), timeFetch(work, before, server.getValue(), fetchHead,
                            folder(server.getKey(), round)));
                }
                System.out.printf(Locale.ROOT, "bench: git fetch %s: %s%n", round == 0 ? "warm-up" : "round " + round,
                        describe(fetch));
                if (round > 0) {
                    fetch.forEach((k, v) -> fetches.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
            }

            // Pushes of 100 commits: until every pushed page is found.
            List<List<String>> pushRows = new ArrayList<>();
            String nonce = letters(System.nanoTime() % 1_000_000);
            for (int round = 1; round <= PUSH_ROUNDS; round++) {
                int r = round;
                fastImport(author, PUSH_COMMITS, i -> String.format(Locale.ROOT, "pushed-%d/Page-%03d", r, i),
                        i -> BenchFarm.PAGE_TEXT + "\nThe word of this page is " + word(nonce, r, i) + ".\n");
                String pushHead = git(author, "rev-parse", "refs/heads/main").strip();
                long start = System.nanoTime();
                git(author, "push", "-q", wikiUrl, "main");
                long pushed = System.nanoTime();
                awaitIndexed(client, wiki, pushHead);
                long settled = System.nanoTime();
                int misses = awaitFound(client, wiki, nonce, r);
                long found = System.nanoTime();
                System.out.printf(Locale.ROOT, "bench: git push of %d commits, round %d: push %.2f s, index idle"
                        + " after %.2f s, all found after %.2f s (%d searches found nothing first)%n", PUSH_COMMITS,
                        round, seconds(pushed - start), seconds(settled - start), seconds(found - start), misses);
                pushRows.add(List.of(Integer.toString(round), fmt(seconds(pushed - start)),
                        fmt(seconds(settled - start)), fmt(seconds(found - start)), Integer.toString(misses)));
            }
            String loadAfter = MarkdownReport.loadAverage();

            report.paragraph("## git results, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
            report.paragraph("Over loopback, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", " + git(work, "--version").strip() + ". A wiki with "
                    + PAGES + " pages in " + PAGES + " commits (one push, " + fmt(pushSeconds) + " s; indexed "
                    + fmt(indexedSeconds) + " s after the push began); its repository on disk: " + packInfo
                    + "; a bare clone is " + (cloneBytes / 1024) + " KB. git's side is `git daemon` and `git"
                    + " http-backend` (CGI behind the JDK's HTTP server, a process per request) over a copy of the"
                    + " wiki's `repo.git`. Rounds alternate the servers; " + ROUNDS + " measured rounds after a"
                    + " warm-up. Load average before: " + loadBefore + "; after: " + loadAfter + ".");
            List<List<String>> rows = new ArrayList<>();
            addRows(rows, "`git clone --bare` (" + PAGES + " commits)", clones);
            addRows(rows, "`git ls-remote` (the ref list only)", lsRemotes);
            addRows(rows, "`git fetch` of " + FETCH_COMMITS + " new commits", fetches);
            report.table(List.of("operation", "server", "median ms", "time / git daemon's",
                    "time / git http-backend's", "rounds ms"), rows);
            report.paragraph("Push of " + PUSH_COMMITS + " commits (each adds a page with a word of its own), seconds"
                    + " from the start of `git push`:");
            report.table(List.of("round", "push returned", "search queue empty and idle at the pushed head",
                    "every one of the " + PUSH_COMMITS + " words found", "searches that found nothing first"),
                    pushRows);
            report.writeTo(resultsFile());
        } finally {
            if (backend != null) {
                backend.close();
            }
            if (daemon != null) {
                daemon.descendants().forEach(ProcessHandle::destroy);
                daemon.destroy();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
            deleteRecursively(work);
        }
    }

    /** Gives the bench account's wiki {@code slug} no limits (docs/quotas.md), as a platform admin may. */
    private static void unlimited(BenchClient admin, String slug) {
        for (JsonNode wiki : admin.get("/api/v1/admin/wikis?sort=created&limit=1000").expect(200).json()
                .path("wikis")) {
            if (slug.equals(wiki.path("slug").asText()) && BenchAccount.USERNAME.equals(wiki.path("owner").asText())) {
                admin.put("/api/v1/admin/wikis/" + wiki.path("id").asText() + "/limits",
                        Map.of("bytes", 0, "pages", 0)).expect(200);
                return;
            }
        }
        throw new AssertionError("GET /api/v1/admin/wikis does not list the wiki " + slug);
    }

    private long timeClone(Path work, String url, String head, String name) {
        Path target = work.resolve("clone-" + name);
        long start = System.nanoTime();
        git(work, "clone", "--bare", "-q", url, target.toString());
        long nanos = System.nanoTime() - start;
        expectHead(target, head, "clone from " + url);
        if (!name.endsWith("-0")) {
            deleteRecursively(target);
        }
        return nanos;
    }

    private long timeLsRemote(Path work, String url, String head) {
        long start = System.nanoTime();
        String refs = git(work, "ls-remote", url, "refs/heads/main");
        long nanos = System.nanoTime() - start;
        if (!refs.startsWith(head)) {
            throw new AssertionError("ls-remote " + url + " answered " + refs + ", not main at " + head);
        }
        return nanos;
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private long timeFetch(Path work, Path before, String url, String head, String name) {
        Path target = work.resolve("fetch-" + name);
        copyRepository(before, target);
        long start = System.nanoTime();
        git(target, "fetch", "-q", url, "+refs/heads/main:refs/heads/main");
        long nanos = System.nanoTime() - start;
        expectHead(target, head, "fetch from " + url);
        deleteRecursively(target);
        return nanos;
    }

    private void expectHead(Path repo, String head, String what) {
        String got = git(repo, "rev-parse", "refs/heads/main").strip();
        if (!got.equals(head)) {
            throw new AssertionError(what + " gave main at " + got + ", not the pushed " + head);
        }
    }

    /** Adds {@code count} commits to main of {@code repo}, commit {@code i} adding page {@code name(i)}. */
    private void fastImport(Path repo, int count, java.util.function.IntFunction<String> name,
            java.util.function.IntFunction<String> content) {
        String parent = git(repo, "for-each-ref", "--format=%(objectname)", "refs/heads/main").strip();
        StringBuilder stream = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            String message = "Add " + name.apply(i) + "\n";
            stream.append("commit refs/heads/main\n")
                    .append("committer Bench Pusher <pusher@example.org> ").append(commitTime++).append(" +0000\n")
                    .append("data ").append(message.getBytes(StandardCharsets.UTF_8).length).append('\n')
                    .append(message);
            if (i == 1 && !parent.isEmpty()) {
                stream.append("from ").append(parent).append('\n');
            }
            String text = content.apply(i);
            stream.append("M 100644 inline ").append(name.apply(i)).append(".md\n")
                    .append("data ").append(text.getBytes(StandardCharsets.UTF_8).length).append('\n')
                    .append(text).append('\n');
        }
        run(repo, stream.toString().getBytes(StandardCharsets.UTF_8), List.of("git", "fast-import", "--quiet"));
    }

    private static void awaitIndexed(BenchClient client, String wiki, String head) {
        long deadline = System.nanoTime() + INDEX_LIMIT.toNanos();
        JsonNode status;
        do {
            status = client.get(wiki + "/api/v1/search/status").expect(200).json();
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && head.equals(status.path("head_commit").asText())) {
                return;
            }
            pause(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish in " + INDEX_LIMIT + ": " + status);
    }

    /**
     * Waits until the word of each of the round's pages finds that page; answers how many searches found nothing
     * first.
     */
    private static int awaitFound(BenchClient client, String wiki, String nonce, int round) {
        long deadline = System.nanoTime() + INDEX_LIMIT.toNanos();
        int next = 1;
        int misses = 0;
        String last = "";
        while (next <= PUSH_COMMITS) {
            String page = String.format(Locale.ROOT, "pushed-%d/Page-%03d", round, next);
            JsonNode answer = client.get(wiki + "/api/v1/search?mode=text&q="
                    + URLEncoder.encode(word(nonce, round, next), StandardCharsets.UTF_8)).expect(200).json();
            boolean found = false;
            for (JsonNode hit : answer.path("hits")) {
                String path = hit.path("path").asText();
                found |= path.equals(page) || path.equals(page + ".md");
            }
            if (found) {
                next++;
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("pushed page " + page + " was not found by its word in " + INDEX_LIMIT
                        + ": " + answer + last);
            } else {
                last = " (still searching)";
                misses++;
                pause(50);
            }
        }
        return misses;
    }

    private static String word(String nonce, int round, int page) {
        return "zq" + nonce + "x" + letters(round * 1000L + page);
    }

    /** A number in letters only, so that no tokenizer splits the word. */
    private static String letters(long n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.toString();
    }

    /** The wiki repository in the server's data folder whose main is {@code head}. */
    private static Path findRepository(String head) throws IOException {
        Path wikis = Path.of(System.getProperty("wikifarm.it.data", "target/bench-data")).resolve("wikis");
        try (Stream<Path> dirs = Files.list(wikis)) {
            for (Path dir : dirs.toList()) {
                Path repo = dir.resolve("repo.git");
                if (!Files.isDirectory(repo)) {
                    continue;
                }
                try (FileRepository repository = new FileRepository(repo.toFile())) {
                    ObjectId main = repository.resolve("refs/heads/main");
                    if (main != null && main.name().equals(head)) {
                        return repo;
                    }
                }
            }
        }
        throw new AssertionError("no repository in " + wikis + " has main at the pushed " + head);
    }

    private Process startDaemon(Path base, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "daemon", "--export-all", "--reuseaddr",
                "--base-path=" + base, "--listen=127.0.0.1", "--port=" + port, base.toString());
        builder.environment().putAll(gitEnv);
        builder.redirectErrorStream(true).redirectOutput(base.resolveSibling("daemon.log").toFile());
        Process daemon = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return daemon;
            } catch (IOException notYet) {
                if (!daemon.isAlive()) {
                    break;
                }
                pause(50);
            }
        }
        daemon.destroy();
        throw new IllegalStateException("git daemon did not start on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void copyRepository(Path from, Path to) {
        run(from.getParent(), null, List.of("cp", "-a", from.toString(), to.toString()));
    }

    private String git(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        return run(dir, null, command);
    }

    private String run(Path dir, byte[] input, List<String> command) {
        try {
            Path output = Files.createTempFile("git-bench", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(gitEnv);
                Process process = builder.start();
                if (input != null) {
                    try (var stdin = process.getOutputStream()) {
                        stdin.write(input);
                    }
                } else {
                    process.getOutputStream().close();
                }
                if (!process.waitFor(GIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + GIT_LIMIT);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue()
                            + "):\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long folderBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static String folder(String server, int round) {
        return server.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + "-" + round;
    }

    private static String describe(Map<String, Long> nanos) {
        return String.join(", ", nanos.entrySet().stream()
                .map(e -> e.getKey() + " " + Stats.ms(e.getValue() / 1e6) + " ms").toList());
    }

    /** One row per server: its median, its median over each of git's, its rounds. */
    private static void addRows(List<List<String>> rows, String operation, Map<String, List<Long>> series) {
        double daemon = median(series.get(DAEMON));
        double backend = median(series.get(BACKEND));
        series.forEach((server, nanos) -> rows.add(List.of(operation, server, Stats.ms(median(nanos) / 1e6),
                fmt(median(nanos) / daemon), fmt(median(nanos) / backend), rounds(nanos))));
    }

    private static String rounds(List<Long> nanos) {
        return String.join(", ", nanos.stream().map(n -> Stats.ms(n / 1e6)).toList());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code git http-backend} as a CGI program behind the JDK's HTTP server on a free loopback port: one process per
     * request, as under Apache or nginx with fcgiwrap.
     */
    private static final class HttpBackend implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();

        HttpBackend(Path root, Map<String, String> env) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                try (exchange) {
                    serve(exchange, root, env);
                } catch (IOException | RuntimeException e) {
                    System.out.println("bench: git http-backend: " + e);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void serve(HttpExchange exchange, Path root, Map<String, String> env) throws IOException {
            ProcessBuilder builder = new ProcessBuilder("git", "http-backend")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> cgi = builder.environment();
            cgi.putAll(env);
            cgi.put("GIT_PROJECT_ROOT", root.toString());
            cgi.put("GIT_HTTP_EXPORT_ALL", "1");
            cgi.put("REQUEST_METHOD", exchange.getRequestMethod());
            cgi.put("PATH_INFO", exchange.getRequestURI().getPath());
            String query = exchange.getRequestURI().getRawQuery();
            cgi.put("QUERY_STRING", query == null ? "" : query);
            cgi.put("REMOTE_ADDR", "127.0.0.1");
            putHeader(exchange, cgi, "Content-Type", "CONTENT_TYPE");
            putHeader(exchange, cgi, "Content-Length", "CONTENT_LENGTH");
            putHeader(exchange, cgi, "Content-Encoding", "HTTP_CONTENT_ENCODING");
            putHeader(exchange, cgi, "Git-Protocol", "HTTP_GIT_PROTOCOL");
            Process process = builder.start();
            Future<?> input = threads.submit(() -> {
                try (var stdin = process.getOutputStream(); var body = exchange.getRequestBody()) {
                    body.transferTo(stdin);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (var stdout = new java.io.BufferedInputStream(process.getInputStream())) {
                int status = 200;
                String line;
                while (!(line = headerLine(stdout)).isEmpty()) {
                    int colon = line.indexOf(':');
                    String name = line.substring(0, colon).strip();
                    String value = line.substring(colon + 1).strip();
                    if (name.equalsIgnoreCase("Status")) {
                        status = Integer.parseInt(value.substring(0, 3));
                    } else {
                        exchange.getResponseHeaders().add(name, value);
                    }
                }
                exchange.sendResponseHeaders(status, 0);
                try (var out = exchange.getResponseBody()) {
                    stdout.transferTo(out);
                }
            } finally {
                try {
                    input.get(1, TimeUnit.MINUTES);
                    process.waitFor(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    process.destroyForcibly();
                }
            }
        }

        private static void putHeader(HttpExchange exchange, Map<String, String> cgi, String header, String name) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                cgi.put(name, value);
            }
        }

        /** A CGI header line without its end; empty at the blank line (or the end of the output). */
        private static String headerLine(java.io.InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("git-bench-results.md");
    }
}
