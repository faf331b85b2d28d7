package org.wikifarm.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes {@code itadmin} ({@link Fixtures#admin()}) the IT server's first account, and so its platform admin, before
 * any test class runs and signs up anyone else. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}; JUnit calls it once per launcher
 * session, in unit-test runs too, so it acts only where failsafe points the tests at an IT server.
 *
 * <p>It never stops the run: if {@code itadmin} exists but is no admin (a data folder older than this bootstrap)
 * it says so loudly, and only the tests that call {@link Fixtures#admin()} fail, with the same explanation.
 */
public final class AdminBootstrap implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        // The benchmarks' own account must be the first one of their server (see the bench profile).
        if (System.getProperty("wikifarm.it.base") == null || System.getProperty("wikifarm.bench.results") != null) {
            return;
        }
        try {
            Fixtures.admin();
        } catch (AssertionError | RuntimeException e) {
            System.err.println("""

                    ************************************************************************************************
                    The IT platform admin is not available; tests that need one will fail:
                    %s
                    ************************************************************************************************
                    """.formatted(e.getMessage()));
        }
    }
}
