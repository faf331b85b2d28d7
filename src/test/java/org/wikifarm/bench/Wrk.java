package org.wikifarm.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} as a second load generator, when it is installed: a C client needs much less of the shared
 * cores than the JDK one, so it shows how much the Java client's own cost hides. It cannot check bodies, so the
 * Java rounds stay the primary figures; a non-2xx answer here still counts as an error.
 */
final class Wrk {
    private static final Path BINARY = Path.of("/usr/bin/wrk");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m),");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern UNMARKED = Pattern.compile("Answers without the marker: (\\d+)");

    private Wrk() {
    }

    /**
     * One wrk run: requests, seconds, p50 and p99 in ms, non-2xx answers, socket errors, and 200 answers without the
     * marker of {@link #runPaths} (0 for a plain {@link #run}).
     */
    record Result(long requests, double seconds, double p50Millis, double p99Millis, long non2xx, long socketErrors,
            long unmarked) {
        double perSecond() {
            return requests / seconds;
        }
    }

    /** Requests per second over several runs together. */
    static double perSecond(List<Result> rounds) {
        return rounds.stream().mapToLong(Result::requests).sum() / rounds.stream().mapToDouble(Result::seconds).sum();
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** {@code threads} threads and {@code connections} keep-alive connections on {@code url} for {@code duration}. */
    static Result run(String url, int threads, int connections, Duration duration) {
        List<String> command = command(threads, connections, duration);
        command.add(url);
        return execute(command, duration);
    }

    /** wrk's options common to every run, to which the caller adds its own and the URL. */
    private static List<String> command(int threads, int connections, Duration duration) {
        return new ArrayList<>(List.of(BINARY.toString(), "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--latency", "--timeout", "30s", "-H", "Accept: text/html"));
    }

    /**
     * Like {@link #run}, but on {@code origin} every request asks the next of {@code paths} (already URL-encoded; each
     * wrk thread starts at its own offset and cycles), with {@code cookie} if not null; a 200 answer whose body lacks
     * {@code marker} is counted in {@link Result#unmarked}.
     */
    static Result runPaths(String origin, List<String> paths, String marker, String cookie, int threads,
            int connections, Duration duration) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("wikifarm-wrk-");
            Path script = dir.resolve("wrk-paths.lua");
            try (InputStream in = Wrk.class.getResourceAsStream("/bench/wrk-paths.lua")) {
                Files.copy(in, script);
            }
            Path list = Files.write(dir.resolve("paths.txt"), paths);
            List<String> command = command(threads, connections, duration);
            command.addAll(List.of("-s", script.toString()));
            if (cookie != null) {
                command.addAll(List.of("-H", "Cookie: " + cookie));
            }
            command.addAll(List.of(origin, "--", list.toString(), marker, Integer.toString(threads)));
            return execute(command, duration);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write wrk's script", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Deletes the folder {@link #runPaths} wrote its two files into. */
    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve("wrk-paths.lua"));
            Files.deleteIfExists(dir.resolve("paths.txt"));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A leftover temporary folder of a benchmark is harmless.
        }
    }

    private static Result execute(List<String> command, Duration duration) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("wrk did not finish: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("wrk failed (" + process.exitValue() + "): " + output);
            }
            return parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running wrk", e);
        }
    }

    static Result parse(String output) {
        Matcher requests = REQUESTS.matcher(output);
        if (!requests.find()) {
            throw new AssertionError("wrk printed no request count: " + output);
        }
        Matcher non2xx = NON_2XX.matcher(output);
        Matcher socket = SOCKET_ERRORS.matcher(output);
        long socketErrors = 0;
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(socket.group(group));
            }
        }
        Matcher unmarked = UNMARKED.matcher(output);
        return new Result(Long.parseLong(requests.group(1)),
                millis(requests.group(2), requests.group(3)) / 1000, percentile(output, "50%"),
                percentile(output, "99%"), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, socketErrors,
                unmarked.find() ? Long.parseLong(unmarked.group(1)) : 0);
    }

    /** A line of the latency distribution, e.g. {@code "     99%    12.34ms"}. */
    private static double percentile(String output, String label) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(label) + "\\s+([\\d.]+)(us|ms|s|m)\\s*$",
                Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            throw new AssertionError("wrk printed no " + label + " latency (is --latency set?): " + output);
        }
        return millis(m.group(1), m.group(2));
    }

    private static double millis(String number, String unit) {
        double value = Double.parseDouble(number);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            default -> throw new IllegalArgumentException("unknown wrk unit " + unit);
        };
    }
}
