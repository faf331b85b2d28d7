package org.wikifarm.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples of one measurement, summarised with nearest-rank percentiles. Samples are in nanoseconds. */
final class Stats {
    private final long[] sorted;

    private Stats(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(this.sorted);
    }

    static Stats of(long[] nanos) {
        return new Stats(nanos);
    }

    int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile in milliseconds ({@code p} from 0 to 100); NaN without samples. */
    double millis(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double medianMillis() {
        return millis(50);
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }

    /** A growable list of samples owned by one thread; {@link #merge} after the threads are done. */
    static final class Recorder {
        private long[] samples = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == samples.length) {
                samples = Arrays.copyOf(samples, size * 2);
            }
            samples[size++] = nanos;
        }

        static Stats merge(Iterable<Recorder> recorders) {
            int total = 0;
            for (Recorder recorder : recorders) {
                total += recorder.size;
            }
            long[] all = new long[total];
            int at = 0;
            for (Recorder recorder : recorders) {
                System.arraycopy(recorder.samples, 0, all, at, recorder.size);
                at += recorder.size;
            }
            return new Stats(all);
        }
    }
}
