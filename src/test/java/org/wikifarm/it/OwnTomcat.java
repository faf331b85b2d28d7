package org.wikifarm.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Tomcat of the test's own, for tests that must kill the server: the Tomcat that Cargo unpacked for the ITs
 * ({@code <build>/cargo/installs}), a separate CATALINA_BASE with only an HTTP connector on a free port, the built
 * WAR as ROOT, and a data folder the test chooses. Started as a plain {@code java} process so {@link #kill()} can
 * send SIGKILL.
 */
public final class OwnTomcat implements AutoCloseable {
    /** The build folder: the shared IT data folder is {@code <build>/it-data}. */
    static final Path BUILD = Fixtures.DATA.toAbsolutePath().getParent();

    private final Path home;
    private final Path base;
    private final Path dataDir;
    private final int port;
    private final Map<String, String> settings;
    private Process process;

    OwnTomcat(Path base, Path dataDir) {
        this(base, dataDir, Map.of());
    }

    /** @param settings Wikifarm settings for this server, e.g. {@code baseDomain} (passed as {@code -Dwikifarm.KEY}) */
    public OwnTomcat(Path base, Path dataDir, Map<String, String> settings) {
        this(base, dataDir, settings, freePort());
    }

    /** @param port the port to listen on (loopback), chosen by the caller who must name it in settings first */
    public OwnTomcat(Path base, Path dataDir, Map<String, String> settings, int port) {
        this.home = findHome();
        this.base = base;
        this.dataDir = dataDir;
        this.port = port;
        this.settings = Map.copyOf(settings);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private static Path findHome() {
        Path installs = BUILD.resolve("cargo/installs");
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(installs, "tomcat-*")) {
            for (Path version : versions) {
                try (DirectoryStream<Path> homes = Files.newDirectoryStream(version, "apache-tomcat-*")) {
                    for (Path home : homes) {
                        if (Files.exists(home.resolve("bin/bootstrap.jar"))) {
                            return home;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("No Tomcat unpacked by Cargo under " + installs, e);
        }
        throw new IllegalStateException("No Tomcat unpacked by Cargo under " + installs);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays out CATALINA_BASE (once) and starts Tomcat; returns when the platform API answers. */
    public void start() throws IOException, InterruptedException {
        launch();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tomcat exited with " + process.exitValue() + "; see "
                        + base.resolve("logs/console.log"));
            }
            if (status("/api/v1/health").orElse(0) == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Tomcat did not answer within 3 minutes; see " + base.resolve("logs"));
    }

    /**
     * Starts Tomcat with settings Wikifarm must refuse: returns Tomcat's logs (console and log files) once they hold
     * {@code refusal} (the web application failed to start); fails if the platform answers instead.
     */
    public String startRefused(String refusal) throws IOException, InterruptedException {
        launch();
        Path console = base.resolve("logs");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            StringBuilder output = new StringBuilder();
            try (DirectoryStream<Path> logs = Files.newDirectoryStream(console)) {
                for (Path log : logs) {
                    output.append(Files.readString(log, StandardCharsets.ISO_8859_1));
                }
            }
            if (output.indexOf(refusal) >= 0) {
                return output.toString();
            }
            if (status("/api/v1/health").orElse(0) == 200) {
                throw new AssertionError("Wikifarm started although it should refuse: " + refusal);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Tomcat's logs never said '" + refusal + "'; see " + console);
    }

    private void launch() throws IOException {
        if (!Files.exists(base.resolve("conf/server.xml"))) {
            for (String dir : List.of("conf", "logs", "temp", "work", "webapps")) {
                Files.createDirectories(base.resolve(dir));
            }
            for (String file : List.of("web.xml", "context.xml", "logging.properties", "catalina.properties")) {
                Files.copy(home.resolve("conf").resolve(file), base.resolve("conf").resolve(file));
            }
            Files.writeString(base.resolve("conf/server.xml"), """
                    <Server port="-1" shutdown="SHUTDOWN">
                      <Service name="Catalina">
                        <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"/>
                        <Engine name="Catalina" defaultHost="localhost">
                          <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                        </Engine>
                      </Service>
                    </Server>
                    """.formatted(port));
            Files.copy(BUILD.resolve("wikifarm.war"), base.resolve("webapps/ROOT.war"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m",
                "-cp", home.resolve("bin/bootstrap.jar") + ":" + home.resolve("bin/tomcat-juli.jar"),
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base, "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-Dai.djl.offline=true", "-Dwikifarm.dataDir=" + dataDir));
        settings.forEach((key, value) -> command.add("-Dwikifarm." + key + "=" + value));
        command.addAll(List.of("org.apache.catalina.startup.Bootstrap", "start"));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("logs/console.log").toFile()))
                .start();
    }

    /** The status of a GET, sent to the base domain's name in host mode (other hosts are not the platform there). */
    private Optional<Integer> status(String path) {
        String host = settings.getOrDefault("baseDomain", "127.0.0.1") + ":" + port;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            return statusLine.startsWith("HTTP/1.1 ") ? Optional.of(Integer.parseInt(statusLine.substring(9, 12)))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGKILL: no shutdown hook, no listener, no flush runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Tomcat survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
