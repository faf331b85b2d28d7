package org.wikifarm.natives;

import ai.djl.huggingface.tokenizers.jni.LibUtils;
import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.Server;
import org.apache.juli.logging.Log;
import org.apache.juli.logging.LogFactory;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Loads Wikifarm's three native libraries (SQLite, ONNX Runtime, DJL's Rust tokenizer) once per Tomcat, when the
 * server starts, from the jars in {@code $CATALINA_BASE/lib}. A JVM maps a JNI library into one class loader only:
 * from {@code WEB-INF/lib}, every redeploy maps a new copy of SQLite and ONNX Runtime, and the tokenizer fails from
 * the second deploy on ("already loaded in another classloader"). Loaded here, by Tomcat's common class loader, they
 * are shared by every deployment of the {@code shared-natives} WAR and never reloaded (see docs/deploy.md).
 *
 * <p>In {@code server.xml}, inside {@code <Server>}:
 * {@code <Listener className="org.wikifarm.natives.NativeLibraries" cacheDir="${catalina.base}/work/natives"/>}.
 * A library that cannot load is logged and the server starts anyway; Wikifarm then reports semantic search as
 * failed (or, for SQLite, cannot start), with the same error.
 */
public final class NativeLibraries implements LifecycleListener {
    private static final Log LOG = LogFactory.getLog(NativeLibraries.class);
    /**
     * The tokenizer's native library crashed the JVM (SIGSEGV) when loaded on a thread of 2 MB or less (Wikifarm's
     * SemanticModelLoadTest); 16 MB is only reserved, not used.
     */
    private static final long LOADER_STACK_BYTES = 16L << 20;

    private String cacheDir;

    /** Where DJL unpacks its tokenizer library; default {@code $CATALINA_BASE/work/natives}. Must be writable. */
    public void setCacheDir(String cacheDir) {
        this.cacheDir = cacheDir;
    }

    public String getCacheDir() {
        return cacheDir;
    }

    @Override
    public void lifecycleEvent(LifecycleEvent event) {
        if (!Lifecycle.BEFORE_INIT_EVENT.equals(event.getType())) {
            return;
        }
        if (!(event.getLifecycle() instanceof Server)) {
            // Anywhere else it would run once per host or context, and a context's loader is the one to avoid.
            LOG.warn("NativeLibraries belongs directly inside <Server> in server.xml; it is ignored elsewhere");
            return;
        }
        List<String> loaded = new ArrayList<>();
        Thread loader = new Thread(null, () -> load(loaded), "wikifarm-native-libraries", LOADER_STACK_BYTES);
        // Whatever the libraries start or remember (DJL's JNA, for instance) must see the common loader, never a
        // web application's.
        loader.setContextClassLoader(NativeLibraries.class.getClassLoader());
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Interrupted while loading Wikifarm's native libraries");
            return;
        }
        LOG.info("Native libraries loaded for Wikifarm: " + String.join(", ", loaded));
    }

    private void load(List<String> loaded) {
        long begin = System.nanoTime();
        try {
            if (SQLiteJDBCLoader.initialize()) {
                loaded.add("SQLite " + SQLiteJDBCLoader.getVersion() + from(SQLiteJDBCLoader.class));
            }
        } catch (Exception | LinkageError e) {
            LOG.error("Cannot load SQLite's native library (sqlite-jdbc in " + libFolder() + ")", e);
        }
        try {
            loaded.add("ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion() + from(OrtEnvironment.class));
        } catch (Exception | LinkageError e) {
            LOG.error("Cannot load ONNX Runtime's native libraries (onnxruntime in " + libFolder() + ")", e);
        }
        try {
            offline(Path.of(cacheDir != null ? cacheDir : System.getProperty("catalina.base", ".") + "/work/natives"));
            LibUtils.checkStatus();
            loaded.add("DJL tokenizers" + from(LibUtils.class));
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Cannot load DJL's tokenizer library (tokenizers, api, jna and gson in " + libFolder() + ")", e);
        }
        loaded.add("in " + (System.nanoTime() - begin) / 1_000_000 + " ms");
    }

    /**
     * DJL must never reach the network (it otherwise calls home on every tokenizer load) and needs a folder it can
     * write for its library: Tomcat's user may have no home. Values set by the operator win.
     */
    private static void offline(Path cache) {
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create DJL's cache folder " + cache, e);
        }
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR", cache.toString());
        setIfAbsent("ENGINE_CACHE_DIR", cache.toString());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Where the class came from, so the log shows that Tomcat's lib folder, not a WAR, provided it. */
    private static String from(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null ? "" : " (" + source.getLocation() + ")";
    }

    private static String libFolder() {
        return System.getProperty("catalina.base", "$CATALINA_BASE") + "/lib";
    }
}
