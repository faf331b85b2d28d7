package org.wikifarm.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar on standard error for long work ({@code [#####     ] 512/1,000 pages}): redrawn in place on a
 * terminal, at most one line per tenth of the work otherwise (logs, pipes), and nothing with {@code --json}'s
 * terminal-less runs cluttering the JSON on standard output (it goes to standard error anyway).
 */
final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final String what;
    private final boolean terminal;
    private long total;
    private long done;
    private long lastTenth = -1;
    private long lastDrawn = -1;

    Progress(PrintWriter err, String what, long total, boolean terminal) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.terminal = terminal;
    }

    void total(long newTotal) {
        this.total = newTotal;
        draw();
    }

    void step() {
        to(done + 1);
    }

    void to(long value) {
        done = value;
        draw();
    }

    private void draw() {
        if (total <= 0) {
            return;
        }
        long shown = Math.min(done, total);
        if (terminal) {
            long cells = shown * WIDTH / total;
            if (cells == lastDrawn && shown != total) {
                return;
            }
            lastDrawn = cells;
            err.print("\r[" + "#".repeat((int) cells) + " ".repeat(WIDTH - (int) cells) + "] "
                    + String.format(Locale.ROOT, "%,d/%,d %s", shown, total, what));
            err.flush();
        } else {
            long tenth = shown * 10 / total;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                err.println(String.format(Locale.ROOT, "%,d/%,d %s", shown, total, what));
                err.flush();
            }
        }
    }

    @Override
    public void close() {
        if (terminal && total > 0) {
            err.println();
            err.flush();
        }
    }
}
