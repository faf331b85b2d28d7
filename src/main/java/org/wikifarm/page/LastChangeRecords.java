package org.wikifarm.page;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a {@link PageStore} keeps the commit that last changed each page between runs, so that the first read
 * after a restart costs a lookup instead of a history walk. The answers are stamped with the commit they hold for;
 * they may lag the repository (a crash between a commit and {@link #store}) but are never ahead of it, and the
 * stamp is how the store sees the lag and catches up. Keys are page paths ({@code a/b}), values commit ids.
 */
public interface LastChangeRecords {
    /** Every page's last commit as of {@code stamp}. */
    record Stored(String stamp, Map<String, String> commits) {
    }

    /** What was stored, or null when nothing was. */
    Stored load();

    /**
     * Stores the answers as of {@code stamp}. When the stored stamp is still {@code from}, only {@code changed} needs
     * writing (a null value: the page is gone); otherwise every answer is replaced by {@code all}.
     */
    void store(String from, String stamp, Map<String, String> changed, Supplier<Map<String, String>> all);

    /** Keeps nothing: a store built on it finds every answer with one history walk after each start. */
    LastChangeRecords NONE = new LastChangeRecords() {
        @Override
        public Stored load() {
            return null;
        }

        @Override
        public void store(String from, String stamp, Map<String, String> changed, Supplier<Map<String, String>> all) {
            // Nothing is kept.
        }
    };
}
