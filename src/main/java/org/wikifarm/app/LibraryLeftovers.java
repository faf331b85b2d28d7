package org.wikifarm.app;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.Driver;
import java.sql.DriverManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import com.fasterxml.jackson.core.util.BufferRecyclers;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.internal.util.CleanupService;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the libraries in {@code WEB-INF/lib} leave in a JVM that outlives this deployment, and its removal. Tomcat's
 * threads and the JVM's registries stay when the application is undeployed; anything of the application's classes
 * they still hold keeps its whole class loader, every class it loaded and every static cache, alive: after ten
 * redeploys, ten copies. Each item below was found by a redeploy through Tomcat's manager ({@code RedeployIT},
 * {@code findleaks}, Tomcat's warnings on undeploy, a class histogram), not by guessing:
 * <ul>
 *   <li>JGit registers a JVM shutdown hook (a thread holding this class loader) the first time it locks a file,
 *   unless it runs as an OSGi bundle, whose container runs that clean-up when the bundle stops. We take that role:
 *   {@link #started()} before the first JGit call, {@link #stopped()} at the end.</li>
 *   <li>JGit's work queue thread ({@link Git#shutdown()} stops it).</li>
 *   <li>The JDK's "process reaper" thread, which waits for child processes and stays a minute after the last one
 *   ends (reused meanwhile), keeps the context class loader of the thread that started the first one. JGit starts
 *   some once per class loader: {@code git} for the system configuration when it first opens a repository,
 *   {@code sh -c umask} when it first creates one. On a request thread that context would be this application; so
 *   {@link #started()} makes JGit ask both at once, with Tomcat's class loader as the context.</li>
 *   <li>Thread-locals set on whatever thread used the library, Tomcat's request threads included: JGit's
 *   translation bundles and Liquibase's scope (both inheritable, so Tomcat renewing its threads does not help: a new
 *   thread inherits the value of the one that made it, and Tomcat reports them on undeploy), and Bouncy Castle's
 *   "thread properties" (Argon2 password hashing), which its class initialisation fills on the first thread to
 *   hash a password and which Tomcat does not report (a map of a JDK class). They are removed after every request
 *   ({@link #requestDestroyed}) and on the thread that starts or stops the application. No library offers to
 *   remove only its value, hence the reflection: if a new version renames a field, start-up says so.</li>
 *   <li>Jackson's recycled buffers: each thread that parses or writes JSON keeps a soft reference to buffers of
 *   this application's classes, which Tomcat does not report and a full collection does not clear. Jackson tracks
 *   them when asked to before its first use, and then releases them all at once.</li>
 *   <li>With the default WAR, whose {@code WEB-INF/lib} holds JNA (for DJL): JNA's "JNA Cleaner" thread, which
 *   lives as long as any native library JNA opened (Tomcat names it when the application stops). With the
 *   shared-natives WAR it is Tomcat's, started when the server starts, and stays.</li>
 *   <li>A JDBC driver in {@code WEB-INF/lib} registers itself with the JVM-wide {@link DriverManager} (with the
 *   default WAR; with the shared-natives WAR the driver is Tomcat's and stays).</li>
 * </ul>
 */
final class LibraryLeftovers implements ServletRequestListener {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryLeftovers.class);

    private final List<ThreadLocal<?>> threadLocals = new ArrayList<>();
    private CleanupService jgitCleanup;

    LibraryLeftovers() {
        // NLS.clear() would also do for JGit, but it empties JGit's global bundle cache, which every request would
        // then fill again.
        addThreadLocal("org.eclipse.jgit.nls.NLS", "local");
        addThreadLocal("liquibase.Scope", "scopeManager");
        // Loading the class here also runs its initialisation, which fills the map, on Tomcat's deploying thread.
        addThreadLocal("org.bouncycastle.crypto.CryptoServicesRegistrar", "threadProperties");
    }

    private void addThreadLocal(String className, String field) {
        try {
            Field declared = Class.forName(className).getDeclaredField(field);
            declared.setAccessible(true);
            threadLocals.add((ThreadLocal<?>) declared.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot reach the thread-local {}.{}: its values will keep undeployed copies of Wikifarm in "
                    + "memory ({})", className, field, e.toString());
        }
    }

    /** Before anything uses JGit or Jackson: their clean-up becomes ours to run. */
    void started() {
        // The public constructor is the one an OSGi container calls; it makes this instance JGit's clean-up service,
        // run by us instead of by a JVM shutdown hook.
        jgitCleanup = new CleanupService();
        askJGitsQuestionsNow();
        // Read once, when Jackson's class initialises; -1 means it already had, untracked.
        System.setProperty(BufferRecyclers.SYSTEM_PROPERTY_TRACK_REUSABLE_BUFFERS, "true");
        if (BufferRecyclers.releaseBuffers() < 0) {
            LOG.warn("Jackson was used before Wikifarm started: its thread-local buffers will keep undeployed copies "
                    + "of Wikifarm in memory");
        }
    }

    private static void askJGitsQuestionsNow() {
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(LibraryLeftovers.class.getClassLoader().getParent());
        try {
            SystemReader.getInstance().getSystemConfig();
            Path probe = Files.createTempFile("wikifarm-umask", ".probe");
            try {
                FS.DETECTED.setExecute(probe.toFile(), true);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | ConfigInvalidException | RuntimeException e) {
            LOG.warn("Could not prepare JGit's file system settings ({}); a redeploy may keep this copy of Wikifarm "
                    + "in memory for a minute", e.toString());
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /** After everything has stopped: runs JGit's clean-up, stops its thread, forgets this application's drivers. */
    void stopped() {
        if (jgitCleanup != null) {
            try {
                // Package-private, like every OSGi lifecycle method; JGit's own component descriptor names it.
                Method shutDown = CleanupService.class.getDeclaredMethod("shutDown");
                shutDown.setAccessible(true);
                shutDown.invoke(jgitCleanup);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("JGit's clean-up did not run ({}); its lock files and threads may outlive this application",
                        e.toString());
            }
        }
        Git.shutdown();
        BufferRecyclers.releaseBuffers();
        stopOwnJnaCleaner();
        deregisterOwnDrivers();
        clearCurrentThread();
    }

    /** JNA's cleaner thread ends when interrupted; only ours, never a copy of JNA that Tomcat's lib folder holds. */
    private static void stopOwnJnaCleaner() {
        ClassLoader own = LibraryLeftovers.class.getClassLoader();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getClass().getName().equals("com.sun.jna.internal.Cleaner$CleanerThread")
                    && thread.getClass().getClassLoader() == own) {
                thread.interrupt();
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void deregisterOwnDrivers() {
        ClassLoader own = LibraryLeftovers.class.getClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == own) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.warn("Cannot deregister the JDBC driver {}", driver.getClass().getName(), e);
                }
            }
        }
    }

    /** Removes the libraries' thread-local values from the current thread. */
    void clearCurrentThread() {
        for (ThreadLocal<?> local : threadLocals) {
            local.remove();
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        clearCurrentThread();
    }
}
