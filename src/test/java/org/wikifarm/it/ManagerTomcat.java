package org.wikifarm.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Tomcat ({@code tomcat10}, {@code tomcat10-admin}) set up as a sysadmin would for redeploys through the
 * manager, on a CATALINA_BASE of the test's own: Debian's stock configuration with the connector on a free port and
 * the {@code NativeLibraries} listener of {@code tomcat-conf/server-natives-listener.xml} in {@code server.xml}, the
 * jars of the build's {@code tomcat-lib} folder in {@code lib/}, {@code tomcat-conf/setenv.sh} as {@code bin/setenv.sh},
 * the manager application and a {@code manager-script} user. Started with Debian's {@code catalina.sh run}; no web
 * application until {@link #deploy}.
 */
final class ManagerTomcat implements AutoCloseable {
    static final Path HOME = Path.of(System.getProperty("wikifarm.it.tomcatHome", "/usr/share/tomcat10"));
    static final Path MANAGER = Path.of(System.getProperty("wikifarm.it.managerApp",
            "/usr/share/tomcat10-admin/manager"));
    private static final String USER = "deployer";
    private static final Path PROJECT = OwnTomcat.BUILD.getParent();

    private final Path base;
    private final int port;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Process process;

    private ManagerTomcat(Path base) {
        this.base = base;
        this.port = freePort();
    }

    /** Lays out {@code base}, starts Tomcat with {@code -Dwikifarm.dataDir=<dataDir>} and waits for the manager. */
    static ManagerTomcat start(Path base, Path dataDir) throws IOException, InterruptedException {
        for (Path needed : List.of(HOME.resolve("bin/catalina.sh"), MANAGER.resolve("WEB-INF/web.xml"))) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException(needed + " is missing: install Debian's tomcat10 and tomcat10-admin "
                        + "(.ci/run does)");
            }
        }
        ManagerTomcat tomcat = new ManagerTomcat(base);
        tomcat.layOut();
        tomcat.launch(dataDir);
        return tomcat;
    }

    private void layOut() throws IOException {
        for (String dir : List.of("bin", "conf/Catalina/localhost", "lib", "logs", "temp", "webapps", "work")) {
            Files.createDirectories(base.resolve(dir));
        }
        for (String file : List.of("web.xml", "context.xml", "logging.properties", "catalina.properties")) {
            Files.copy(HOME.resolve("etc").resolve(file), base.resolve("conf").resolve(file));
        }
        Files.writeString(base.resolve("conf/server.xml"), serverXml());
        Files.writeString(base.resolve("conf/tomcat-users.xml"), """
                <tomcat-users>
                  <role rolename="manager-script"/>
                  <user username="%s" password="%s" roles="manager-script"/>
                </tomcat-users>
                """.formatted(USER, password));
        Files.writeString(base.resolve("conf/Catalina/localhost/manager.xml"),
                "<Context docBase=\"%s\" privileged=\"true\" antiResourceLocking=\"false\"/>\n".formatted(MANAGER));
        Path tomcatLib = OwnTomcat.BUILD.resolve("tomcat-lib");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(tomcatLib, "*.jar")) {
            for (Path jar : jars) {
                Files.copy(jar, base.resolve("lib").resolve(jar.getFileName()));
            }
        }
        Files.copy(PROJECT.resolve("tomcat-conf/setenv.sh"), base.resolve("bin/setenv.sh"));
    }

    /** Debian's server.xml, as a sysadmin edits it: the HTTP port, and the listener line from tomcat-conf. */
    private String serverXml() throws IOException {
        String stock = Files.readString(HOME.resolve("etc/server.xml"));
        String connector = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";
        String lastListener = "<Listener className=\"org.apache.catalina.core.ThreadLocalLeakPreventionListener\" />";
        if (!stock.contains(connector) || !stock.contains(lastListener)) {
            throw new IllegalStateException(HOME.resolve("etc/server.xml") + " no longer has '" + connector + "' and '"
                    + lastListener + "': adapt ManagerTomcat to the new stock configuration");
        }
        String listener = Files.readString(PROJECT.resolve("tomcat-conf/server-natives-listener.xml"));
        return stock.replace(connector, "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"")
                .replace(lastListener, lastListener + "\n  " + listener.strip());
    }

    private void launch(Path dataDir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("logs/console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CATALINA_HOME", HOME.toString());
        env.put("CATALINA_BASE", base.toString());
        // setenv.sh appends the recommended options (heap, GC, offline DJL, …) to these.
        env.put("CATALINA_OPTS", "-Dwikifarm.dataDir=" + dataDir);
        process = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tomcat exited with " + process.exitValue() + "; see " + log());
            }
            try {
                if (manager("serverinfo").startsWith("OK")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Tomcat's manager did not answer within 3 minutes; see " + log());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The Tomcat JVM (catalina.sh run replaces itself with java). */
    long pid() {
        return process.pid();
    }

    Path log() {
        return base.resolve("logs/console.log");
    }

    /** A command of the manager's text API ({@code /manager/text/<command>}); its whole answer. */
    String manager(String command) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/manager/text/" + command))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    /** Deploys (or redeploys: {@code update=true}) a WAR that is on this machine at {@code path}. */
    String deploy(String path, Path war) throws IOException, InterruptedException {
        return manager("deploy?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&update=true&war="
                + URLEncoder.encode(war.toUri().toString(), StandardCharsets.UTF_8));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, so Tomcat stops the application as on a normal shutdown; SIGKILL if it hangs. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
