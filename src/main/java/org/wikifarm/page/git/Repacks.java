package org.wikifarm.page.git;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiLease;

/**
 * Repacks a wiki's repository after something brought many objects at once (a {@code git push}): every object into
 * one pack with a bitmap index (JGit's {@code GC.repack}, the default {@code PackConfig} builds bitmaps), which is what
 * makes a later {@code git clone} count its objects from the bitmap instead of walking every commit and tree. The
 * packs it replaces are deleted at once; no object is pruned (objects nobody references stay), so a write that runs
 * meanwhile loses nothing: packs that arrive during the repack and new loose objects are kept. One background thread for the whole farm; a wiki already waiting is not
 * queued twice; the wiki is leased meanwhile (a restore or an admin's migration waits for it, or it is skipped when
 * the wiki is held closed).
 */
public final class Repacks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Repacks.class);

    private final Function<TenantId, WikiLease> leases;
    private final Set<TenantId> waiting = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wikifarm-repack");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });

    public Repacks(Function<TenantId, WikiLease> leases) {
        this.leases = leases;
    }

    /** Repacks the wiki's repository soon, in the background. */
    public void soon(TenantId wiki) {
        if (waiting.add(wiki)) {
            try {
                worker.execute(() -> {
                    waiting.remove(wiki);
                    repack(wiki);
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                waiting.remove(wiki);
            }
        }
    }

    /** Repacks now, on this thread; false if the wiki could not be leased or repacked (logged). */
    public boolean repack(TenantId wiki) {
        try (WikiLease lease = leases.apply(wiki)) {
            Repository repository = lease.repository();
            if (!(repository instanceof FileRepository files)) {
                return false;
            }
            GC gc = new GC(files);
            gc.setProgressMonitor(NullProgressMonitor.INSTANCE);
            // The packs it replaces go at once, as git's own "repack -a -d" does: kept (JGit's default: an hour) they
            // would count twice toward the wiki's quota. A reader that had one open finds its objects in the new pack.
            gc.setPackExpireAgeMillis(0);
            gc.repack();
            return true;
        } catch (WikifarmException unavailable) {
            LOG.info("Repack of wiki {} skipped: {}", wiki, unavailable.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Repack of wiki {} failed; its repository is as it was", wiki, e);
        }
        return false;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
