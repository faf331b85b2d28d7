package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * git over smart HTTP against git's own server (docs/benchmarks.md, "git clone, fetch and push"), with the real
 * {@code git} CLI on both sides:
 * <ul>
 * <li>a wiki made through the API gets 1,000 commits that each add a page (written with {@code git fast-import},
 * sent in one {@code git push}); then {@code git clone --bare} of it from Wikifarm's {@code <wiki>.git} (HTTP Basic
 * as the owner) and from {@code git daemon} serving a copy of the wiki's own {@code repo.git}, alternating (Wikifarm,
 * git, Wikifarm, git …), a warm-up pair and {@code wikifarm.bench.rounds} (default 5) measured pairs;</li>
 * <li>a fetch of 10 new commits into a clone made before them, both ways, alternating the same way;</li>
 * <li>pushes of 100 commits (each adds a page with a word of its own): the time from the start of {@code git push}
 * until {@code search/status} shows an empty queue and no indexing at the pushed head, and every one of the 100 words
 * finds its page in a text search.</li>
 * </ul>
 * Prints the figures and writes them beside the other results ({@code git-bench-results.md}). Fails only when a server
 * answers wrongly (a git command fails, a clone lacks the pushed head, a pushed page is never found), never on a
 * time. Run alone: {@code mvn -Pbench verify -Dit.includes='**}{@code /bench/GitCloneBench.java'}.
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

    private final MarkdownReport report = new MarkdownReport();
    private final Map<String, String> gitEnv = new HashMap<>();
    private long commitTime = 1_780_000_000L;

    @Test
    void git() throws Exception {
        String loadBefore = MarkdownReport.loadAverage();
        Path work = Files.createTempDirectory("git-bench");
        Process daemon = null;
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

            // A wiki token as the password (a hash lookup) next to the account's password (a password hash).
            String tokenAuth = basic("git", client.post(wiki + "/api/v1/tokens",
                    Map.of("name", "bench-git", "role", "viewer")).expect(201).text("secret"));

            // Clone, alternating; and the ref list alone, which is the fixed cost of a connection.
            List<Long> wikifarmClones = new ArrayList<>();
            List<Long> tokenClones = new ArrayList<>();
            List<Long> gitClones = new ArrayList<>();
            List<Long> wikifarmLsRemotes = new ArrayList<>();
            List<Long> tokenLsRemotes = new ArrayList<>();
            List<Long> gitLsRemotes = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                long ours = timeClone(work, wikiUrl, head, "wf-" + round);
                long theirs = timeClone(work, daemonUrl, head, "git-" + round);
                gitEnv.put("GIT_CONFIG_VALUE_0", tokenAuth);
                long token = timeClone(work, wikiUrl, head, "token-" + round);
                long tokenLs = timeLsRemote(work, wikiUrl, head);
                gitEnv.put("GIT_CONFIG_VALUE_0", passwordAuth);
                long oursLs = timeLsRemote(work, wikiUrl, head);
                long theirsLs = timeLsRemote(work, daemonUrl, head);
                System.out.printf(Locale.ROOT, "bench: git clone %s: wikifarm %s ms (token %s ms), git daemon %s ms;"
                        + " ls-remote wikifarm %s ms (token %s ms), git daemon %s ms; load %s%n",
                        round == 0 ? "warm-up" : "round " + round, Stats.ms(ours / 1e6), Stats.ms(token / 1e6),
                        Stats.ms(theirs / 1e6), Stats.ms(oursLs / 1e6), Stats.ms(tokenLs / 1e6),
                        Stats.ms(theirsLs / 1e6), MarkdownReport.loadAverage());
                if (round > 0) {
                    wikifarmClones.add(ours);
                    tokenClones.add(token);
                    gitClones.add(theirs);
                    wikifarmLsRemotes.add(oursLs);
                    tokenLsRemotes.add(tokenLs);
                    gitLsRemotes.add(theirsLs);
                }
            }
            Path cloneSize = work.resolve("clone-wf-0");
            long cloneBytes = folderBytes(cloneSize);

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
            List<Long> wikifarmFetches = new ArrayList<>();
            List<Long> gitFetches = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                long ours = timeFetch(work, before, wikiUrl, fetchHead, "wf-" + round);
                long theirs = timeFetch(work, before, daemonUrl, fetchHead, "git-" + round);
                System.out.printf(Locale.ROOT, "bench: git fetch %s: wikifarm %s ms, git daemon %s ms%n",
                        round == 0 ? "warm-up" : "round " + round, Stats.ms(ours / 1e6), Stats.ms(theirs / 1e6));
                if (round > 0) {
                    wikifarmFetches.add(ours);
                    gitFetches.add(theirs);
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

            double tokenClone = median(tokenClones) / 1e6;
            double wfLs = median(wikifarmLsRemotes) / 1e6;
            double tokenLs = median(tokenLsRemotes) / 1e6;
            double gitLs = median(gitLsRemotes) / 1e6;
            double wfClone = median(wikifarmClones) / 1e6;
            double gitClone = median(gitClones) / 1e6;
            double wfFetch = median(wikifarmFetches) / 1e6;
            double gitFetch = median(gitFetches) / 1e6;
            report.paragraph("## git results, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
            report.paragraph("Over loopback, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", " + git(work, "--version").strip() + ". A wiki with "
                    + PAGES + " pages in " + PAGES + " commits (one push, " + fmt(pushSeconds) + " s; indexed "
                    + fmt(indexedSeconds) + " s after the push began); its repository on disk: " + packInfo
                    + "; a bare clone is " + (cloneBytes / 1024) + " KB. git's side is `git daemon` over a copy of"
                    + " the wiki's `repo.git`. Rounds alternate Wikifarm and git; " + ROUNDS + " measured rounds"
                    + " after a warm-up. Load average before: " + loadBefore + "; after: " + loadAfter + ".");
            report.table(List.of("operation", "Wikifarm (HTTP, Basic auth) median ms", "git daemon median ms",
                    "Wikifarm time / git time", "Wikifarm rounds ms", "git rounds ms"), List.of(
                    List.of("`git clone --bare` (" + PAGES + " commits)", Stats.ms(wfClone), Stats.ms(gitClone),
                            fmt(wfClone / gitClone), rounds(wikifarmClones), rounds(gitClones)),
                    List.of("the same, a wiki token as the password", Stats.ms(tokenClone), Stats.ms(gitClone),
                            fmt(tokenClone / gitClone), rounds(tokenClones), rounds(gitClones)),
                    List.of("`git ls-remote` (the ref list only)", Stats.ms(wfLs), Stats.ms(gitLs),
                            fmt(wfLs / gitLs), rounds(wikifarmLsRemotes), rounds(gitLsRemotes)),
                    List.of("the same, a wiki token as the password", Stats.ms(tokenLs), Stats.ms(gitLs),
                            fmt(tokenLs / gitLs), rounds(tokenLsRemotes), rounds(gitLsRemotes)),
                    List.of("`git fetch` of " + FETCH_COMMITS + " new commits", Stats.ms(wfFetch),
                            Stats.ms(gitFetch), fmt(wfFetch / gitFetch), rounds(wikifarmFetches),
                            rounds(gitFetches))));
            report.paragraph("Push of " + PUSH_COMMITS + " commits (each adds a page with a word of its own), seconds"
                    + " from the start of `git push`:");
            report.table(List.of("round", "push returned", "search queue empty and idle at the pushed head",
                    "every one of the " + PUSH_COMMITS + " words found", "searches that found nothing first"),
                    pushRows);
            report.writeTo(resultsFile());
        } finally {
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

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("git-bench-results.md");
    }
}
