package org.wikifarm.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The shipped {@code deploy/haproxy/haproxy.cfg} run by the real {@code /usr/sbin/haproxy}, with only its ports and
 * paths substituted, in front of two tiny backends ({@code node1}, {@code node2}) that answer their own name.
 */
public final class RunningHaproxy implements AutoCloseable {
    public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    public static final Path CONFIG = Path.of("deploy/haproxy/haproxy.cfg");
    private static final Set<Integer> TAKEN = new HashSet<>();

    private final Path dir;
    private final List<HttpServer> backends;
    private final List<Integer> nodePorts;
    private final int frontPort;
    private final int runtimePort;
    private final Path config;
    private Process process;

    /** Skips the calling test when HAProxy is missing, or fails it when {@code WIKIFARM_TEST_REQUIRE_HAPROXY=true}. */
    public static void assumeInstalled() {
        if (!Files.isExecutable(HAPROXY)) {
            if ("true".equals(System.getenv("WIKIFARM_TEST_REQUIRE_HAPROXY"))) {
                fail(HAPROXY + " is missing and WIKIFARM_TEST_REQUIRE_HAPROXY=true (apt-get install haproxy)");
            }
            Assumptions.abort(HAPROXY + " is missing: install Debian's haproxy to run the routing tests");
        }
    }

    /** Writes {@code mapText} to {@code dir/wikifarm.map} and starts HAProxy and the two backends. */
    public static RunningHaproxy start(Path dir, String mapText) throws Exception {
        assumeInstalled();
        return start(dir, mapText, List.of(backend("node1"), backend("node2")));
    }

    /** HAProxy in front of servers of the caller's: {@code node1} and {@code node2} at these ports on loopback. */
    public static RunningHaproxy inFrontOf(Path dir, String mapText, int node1Port, int node2Port) throws Exception {
        assumeInstalled();
        return start(dir, mapText, List.of(node1Port, node2Port));
    }

    private static RunningHaproxy start(Path dir, String mapText, List<?> nodes) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("wikifarm.map"), mapText);
        RunningHaproxy haproxy = new RunningHaproxy(dir, nodes);
        try {
            haproxy.run();
            return haproxy;
        } catch (Exception | Error e) {
            haproxy.close();
            throw e;
        }
    }

    /** @param nodes the two test backends ({@link HttpServer}s, stopped on close), or the ports of the caller's */
    private RunningHaproxy(Path dir, List<?> nodes) throws IOException {
        this.dir = dir;
        this.backends = nodes.stream().filter(HttpServer.class::isInstance).map(HttpServer.class::cast).toList();
        this.nodePorts = nodes.stream().map(node -> node instanceof HttpServer server ? server.getAddress().getPort()
                : (Integer) node).toList();
        this.frontPort = freePort();
        this.runtimePort = freePort();
        this.config = dir.resolve("haproxy.cfg");
        Files.writeString(config, shippedConfig());
    }

    private void run() throws Exception {
        Path log = dir.resolve("haproxy.log");
        Process check = new ProcessBuilder(HAPROXY.toString(), "-c", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(check.waitFor()).as(Files.readString(log)).isZero();
        process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitListening(frontPort);
        awaitListening(runtimePort);
    }

    /** The map file, as the configuration names it (and as the runtime API knows it). */
    public Path map() {
        return dir.resolve("wikifarm.map");
    }

    /** The configuration HAProxy runs (for {@code haproxy -c}). */
    public Path config() {
        return config;
    }

    public String runtimeTcp() {
        return "127.0.0.1:" + runtimePort;
    }

    public String runtimeSocket() {
        return dir.resolve("admin.sock").toString();
    }

    public Process process() {
        return process;
    }

    /** One HTTP/1.1 request through HAProxy with this Host header (and a smuggled identity header); the backend's name. */
    public String get(String host, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", frontPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nX-Wikifarm-User: admin\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("%s %s", host, target).startsWith("HTTP/1.1 200");
            return answer.substring(answer.indexOf("\r\n\r\n") + 4).strip();
        }
    }

    /** Several requests on one kept-alive connection (as a browser sends them); the backend of each. */
    public List<String> getOnOneConnection(String host, String... targets) throws IOException {
        List<String> nodes = new java.util.ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", frontPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                    socket.getInputStream()));
            for (String target : targets) {
                out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                int length = -1;
                for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                assertThat(length).as("an answer of known length to %s", target).isNotNegative();
                byte[] body = new byte[length];
                in.readFully(body);
                nodes.add(new String(body, StandardCharsets.UTF_8));
            }
        }
        return nodes;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The backends four requests reach: both for the default backend's round robin, one for a mapped wiki. */
    public Set<String> fourTimes(String host, String target) throws IOException {
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(get(host, target));
        }
        return nodes;
    }

    /** Waits until HAProxy's health checks see each node up, in its own backend and in the backend of all nodes. */
    public void awaitUp(String... nodes) throws Exception {
        HaproxyRuntime runtime = new HaproxyRuntime(runtimeTcp(), Duration.ofSeconds(5));
        String stat = "";
        for (int attempt = 0; attempt < 480; attempt++) {
            stat = runtime.command("show stat");
            boolean all = true;
            for (String node : nodes) {
                List<String> servers = stat.lines().filter(line -> line.split(",", 3).length == 3
                        && line.split(",", 3)[1].equals(node)).toList();
                all &= servers.size() >= 2 && servers.stream().allMatch(line -> line.contains(",UP,"));
            }
            if (all) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("HAProxy does not see " + List.of(nodes) + " up: " + stat);
    }

    /**
     * Each server's last health check ({@code backend/server} → HAProxy's {@code check_status}, such as {@code L7OK}
     * or {@code L7STS}), once every server has had one.
     */
    public Map<String, String> checkedServers() throws Exception {
        HaproxyRuntime runtime = new HaproxyRuntime(runtimeTcp(), Duration.ofSeconds(5));
        for (int attempt = 0; attempt < 300; attempt++) {
            Map<String, String> checks = new TreeMap<>();
            String[] lines = runtime.command("show stat").split("\n");
            List<String> header = List.of(lines[0].substring(2).split(","));
            for (int i = 1; i < lines.length; i++) {
                String[] fields = lines[i].split(",", -1);
                if (!fields[1].equals("FRONTEND") && !fields[1].equals("BACKEND")) {
                    // "* " in front: a check is under way; what follows is the last result (INI: none yet).
                    String status = fields[header.indexOf("check_status")];
                    checks.put(fields[0] + "/" + fields[1], status.startsWith("* ") ? status.substring(2) : status);
                }
            }
            if (!checks.isEmpty() && checks.values().stream().noneMatch(s -> s.isEmpty() || s.startsWith("INI"))) {
                return checks;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("HAProxy has not checked every server: " + runtime.command("show stat"));
    }

    /** How many requests each backend has sent to its servers so far ({@code show stat}'s {@code stot}). */
    public Map<String, Long> backendRequests() {
        HaproxyRuntime runtime = new HaproxyRuntime(runtimeTcp(), Duration.ofSeconds(5));
        String[] lines = runtime.command("show stat").split("\n");
        List<String> header = List.of(lines[0].substring(2).split(","));
        Map<String, Long> requests = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields[1].equals("BACKEND")) {
                requests.put(fields[0], Long.parseLong(fields[header.indexOf("stot")]));
            }
        }
        return requests;
    }

    /** The port HAProxy's frontend listens on (127.0.0.1). */
    public int port() {
        return frontPort;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        backends.forEach(server -> server.stop(0));
        synchronized (RunningHaproxy.class) {
            TAKEN.remove(frontPort);
            TAKEN.remove(runtimePort);
            backends.forEach(server -> TAKEN.remove(server.getAddress().getPort()));
        }
    }

    /** deploy/haproxy/haproxy.cfg with its ports and paths replaced (each must be there: the file is the test). */
    private String shippedConfig() throws IOException {
        String text = Files.readString(CONFIG);
        text = replace(text, "bind :80", "bind 127.0.0.1:" + frontPort);
        text = replace(text, "/run/haproxy/admin.sock", runtimeSocket());
        text = replace(text, "127.0.0.1:9999", runtimeTcp());
        text = replace(text, "/etc/haproxy/wikifarm.map", map().toString());
        text = replace(text, "10.0.0.1:8080", "127.0.0.1:" + nodePorts.get(0));
        text = replace(text, "10.0.0.2:8080", "127.0.0.1:" + nodePorts.get(1));
        text = replace(text, "log /dev/log local0", "log stderr local0");
        if (!"root".equals(System.getProperty("user.name"))) {
            // Only root may chroot and change user; these lines are the service's hardening, not routing.
            for (String line : List.of("chroot /var/lib/haproxy", "user haproxy", "group haproxy")) {
                text = replace(text, "    " + line + "\n", "    # " + line + "\n");
            }
            text = replace(text, "level admin group haproxy", "level admin");
        }
        return text;
    }

    private static String replace(String text, String from, String to) {
        assertThat(text).as("deploy/haproxy/haproxy.cfg has '%s'", from).contains(from);
        return text.replace(from, to);
    }

    private static HttpServer backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", freePort()), 50);
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/api/v1/health")
                    && !exchange.getRequestHeaders().containsKey("X-Forwarded-For")) {
                // HAProxy's own health check (proxied requests carry X-Forwarded-For): like a host-mode node, the
                // platform answers only on the base domain.
                boolean platform = "farm.example".equals(exchange.getRequestHeaders().getFirst("Host"));
                exchange.sendResponseHeaders(platform ? 200 : 404, -1);
                exchange.close();
                return;
            }
            // A client's identity header must never reach a node through the shipped configuration.
            boolean smuggled = exchange.getRequestHeaders().containsKey("X-Wikifarm-User");
            byte[] body = (smuggled ? name + " with X-Wikifarm-User" : name).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** A free port of the routing tests' range (18600–18699), never handed out twice in one run. */
    public static synchronized int freePort() throws IOException {
        for (int port = 18_600; port < 18_700; port++) {
            if (TAKEN.contains(port)) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                TAKEN.add(port);
                return port;
            } catch (IOException busy) {
                // taken by someone else: try the next
            }
        }
        throw new IOException("No free port in 18600-18699");
    }

    private void awaitListening(int port) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!process.isAlive()) {
                fail("HAProxy stopped: " + Files.readString(dir.resolve("haproxy.log")));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("HAProxy does not listen on " + port + ": " + Files.readString(dir.resolve("haproxy.log")));
    }
}
