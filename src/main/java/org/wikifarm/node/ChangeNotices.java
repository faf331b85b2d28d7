package org.wikifarm.node;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other live nodes that this one changed the platform database, so they forget what they remember of it at
 * once instead of at the end of {@code authCacheSeconds}. Best effort and bounded: one sender thread, changes that
 * come while a round is being sent are folded into the next round, and a node that cannot be reached simply sees the
 * change within the time bound.
 */
public final class ChangeNotices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotices.class);

    private final NodeDirectory directory;
    private final NodeClient client;
    private final String self;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wikifarm-change-notices");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

    public ChangeNotices(NodeDirectory directory, NodeClient client, String self) {
        this.directory = directory;
        this.client = client;
        this.self = self;
    }

    /** Something changed here: a round of notices is sent soon (one round for many changes). */
    public void changed() {
        if (pending.compareAndSet(false, true)) {
            try {
                sender.execute(this::sendRound);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false);
            }
        }
    }

    private void sendRound() {
        pending.set(false);
        for (NodeRow node : directory.live()) {
            if (node.name().equals(self) || node.url().isEmpty()) {
                continue;
            }
            try {
                client.changed(node);
            } catch (RuntimeException e) {
                LOG.debug("Node {} was not told of a change: {}", node.name(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
