package org.wikifarm.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.config.Settings;
import org.wikifarm.store.TenantId;

/**
 * A node's life among the others, from start to stop: it claims the wikis from before placement whose files it holds,
 * writes its row in {@code nodes} at once and every {@link NodeDirectory#BEAT} (address and free disk space), and
 * removes the old copies of wikis moved away once their grace period is over; with HAProxy's runtime API, it puts the
 * map's keys of its wikis right at start and every beat ({@link HaproxyRoutes#reconcile}).
 */
public final class NodeLife implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLife.class);

    private final ScheduledExecutorService timer;
    private final ChangeNotices notices;

    private NodeLife(ScheduledExecutorService timer, ChangeNotices notices) {
        this.timer = timer;
        this.notices = notices;
    }

    public static NodeLife start(Settings.Cluster cluster, Path dataDir, NodeDirectory directory,
                                 Placements placements, MovedCopies oldCopies, ChangeNotices notices,
                                 Predicate<TenantId> hereOnDisk, HaproxyRoutes proxy) {
        Runnable beat = () -> directory.report(cluster.nodeName(), cluster.nodeUrl(), freeBytes(dataDir));
        beat.run();
        int claimed = placements.claimUnplaced(hereOnDisk);
        if (claimed > 0) {
            LOG.info("Node {} claimed {} wikis from before placement whose files it holds", cluster.nodeName(),
                    claimed);
        }
        if (proxy != null) {
            try {
                proxy.reconcile(cluster.nodeName());
            } catch (RuntimeException e) {
                LOG.warn("Node {} could not fill HAProxy's map: {}", cluster.nodeName(), e.getMessage());
            }
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wikifarm-node-life");
            thread.setDaemon(true);
            return thread;
        });
        long seconds = NodeDirectory.BEAT.toSeconds();
        timer.scheduleWithFixedDelay(() -> {
            try {
                beat.run();
                oldCopies.sweep(wiki -> placements.read(wiki)
                        .map(placement -> cluster.nodeName().equals(placement.node())).orElse(false));
            } catch (RuntimeException e) {
                LOG.warn("Node {} could not report itself: {}", cluster.nodeName(), e.getMessage());
            }
            if (proxy != null) {
                try {
                    proxy.reconcile(cluster.nodeName());
                } catch (RuntimeException e) {
                    LOG.warn("Node {} could not put HAProxy's map right: {}", cluster.nodeName(), e.getMessage());
                }
            }
        }, seconds, seconds, TimeUnit.SECONDS);
        return new NodeLife(timer, notices);
    }

    private static long freeBytes(Path dataDir) {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        notices.close();
    }
}
