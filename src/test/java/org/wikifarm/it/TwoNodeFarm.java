package org.wikifarm.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.wikifarm.node.RunningHaproxy;
import org.wikifarm.store.TestPostgres;

/**
 * A farm of two nodes with real parts, for {@link ScaleOutIT} and the scale-out benchmark: a fresh PostgreSQL
 * database for the platform ({@link TestPostgres}: skipped without a server, failed where one is required), the WAR in
 * two Tomcats of its own ({@link OwnTomcat}: {@code node1}, {@code node2}, two ports, two data folders) and the shipped
 * {@code deploy/haproxy/haproxy.cfg} in front ({@link RunningHaproxy}), whose map the nodes keep through its runtime
 * API. Returns once HAProxy's health checks see both nodes up.
 */
public final class TwoNodeFarm implements AutoCloseable {
    /** The nodes' shared secret. */
    public static final String SECRET = "two-node-farm-secret-0123456789abcdef";

    private final Path root;
    private final RunningHaproxy proxy;
    private final Map<String, OwnTomcat> nodes = new LinkedHashMap<>();

    private TwoNodeFarm(Path root, RunningHaproxy proxy) {
        this.root = root;
        this.proxy = proxy;
    }

    /** @param settings more Wikifarm settings for both nodes (e.g. {@code placement}, {@code embeddingModel}) */
    public static TwoNodeFarm start(String name, Map<String, String> settings) throws Exception {
        RunningHaproxy.assumeInstalled();
        String database = TestPostgres.emptyDatabase();
        Path root = OwnTomcat.BUILD.resolve(name + "-" + System.nanoTime());
        int port1 = OwnTomcat.freePort();
        int port2 = OwnTomcat.freePort();
        TwoNodeFarm farm = new TwoNodeFarm(root, RunningHaproxy.inFrontOf(root.resolve("haproxy"), "", port1,
                port2));
        try {
            farm.nodes.put("node1", farm.node("node1", port1, database, settings));
            farm.nodes.put("node2", farm.node("node2", port2, database, settings));
            List<CompletableFuture<Void>> starting = new ArrayList<>();
            for (OwnTomcat node : farm.nodes.values()) {
                starting.add(CompletableFuture.runAsync(() -> {
                    try {
                        node.start();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (CompletableFuture<Void> start : starting) {
                start.get(5, TimeUnit.MINUTES);
            }
            farm.proxy.awaitUp("node1", "node2");
            return farm;
        } catch (Exception | Error e) {
            farm.close();
            throw e;
        }
    }

    private OwnTomcat node(String name, int port, String database, Map<String, String> more) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("platformDbUrl", database);
        settings.put("nodeName", name);
        settings.put("nodeUrl", "http://127.0.0.1:" + port);
        settings.put("nodeSecret", SECRET);
        settings.put("haproxyRuntime", proxy.runtimeTcp());
        settings.put("haproxyMap", proxy.map().toString());
        settings.putAll(more);
        return new OwnTomcat(root.resolve(name), dataDir(name), settings, port);
    }

    /** The port HAProxy's frontend listens on (loopback). */
    public int proxyPort() {
        return proxy.port();
    }

    public OwnTomcat node(String name) {
        return nodes.get(name);
    }

    public Path dataDir(String node) {
        return root.resolve("data-" + node);
    }

    @Override
    public void close() throws InterruptedException {
        for (OwnTomcat node : nodes.values()) {
            node.close();
        }
        proxy.close();
    }
}
