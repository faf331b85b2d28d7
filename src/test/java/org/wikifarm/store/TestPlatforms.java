package org.wikifarm.store;

import java.nio.file.Path;
import org.wikifarm.config.Settings;

/**
 * The platform database the repository tests run on: the embedded SQLite file, or PostgreSQL when the system property
 * {@code wikifarm.test.platformDb} is {@code postgresql} (the surefire execution {@code platform-on-postgresql} runs
 * the platform tests again that way; {@link TestPostgres} says where the server is). One file path is one database:
 * opening the same path twice (two nodes) opens the same PostgreSQL database.
 */
public final class TestPlatforms {
    private TestPlatforms() {
    }

    public static boolean onPostgres() {
        return "postgresql".equals(System.getProperty("wikifarm.test.platformDb"));
    }

    public static PlatformDatabase open(Path file) {
        return open(file, Freshness.none());
    }

    public static PlatformDatabase open(Path file, Freshness freshness) {
        if (!onPostgres()) {
            return new PlatformDatabase(file, freshness);
        }
        String url = TestPostgres.migratedDatabase(file.toAbsolutePath().normalize().toString());
        return new PlatformDatabase(TestPostgres.pool(url), freshness);
    }

    /** {@code settings} with the platform database the tests run on (the same one for the same data folder). */
    public static Settings settings(Settings settings) {
        if (!onPostgres()) {
            return settings;
        }
        Settings.Cluster alone = settings.cluster();
        String url = TestPostgres.migratedDatabase(settings.platformDatabase().toAbsolutePath().normalize().toString());
        return settings.withCluster(new Settings.Cluster(TestPostgres.platformDb(url), alone.nodeName(),
                alone.nodeUrl(), alone.nodeSecret(), alone.placement(), alone.moveGraceSeconds(),
                alone.haproxyRuntime(), alone.haproxyMap()));
    }
}
