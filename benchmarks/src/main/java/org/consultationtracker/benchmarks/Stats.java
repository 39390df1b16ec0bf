package org.consultationtracker.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Small numeric helpers for the report. */
final class Stats {

    private Stats() {
    }

    /** Nearest-rank percentile of the samples, NaN when there are none. */
    static double percentile(List<Double> samples, double percentile) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "n/a";
        }
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%,.0f", perSecond);
        }
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "n/a";
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%,.0f", ms);
        }
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    /** Three significant figures at most, for CPU costs measured with 10 ms clock ticks. */
    static String cost(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String count(long count) {
        if (count >= 1_000_000 && count % 1_000_000 == 0) {
            return (count / 1_000_000) + "M";
        }
        if (count >= 1_000 && count % 1_000 == 0) {
            return (count / 1_000) + "k";
        }
        return String.format(Locale.ROOT, "%,d", count);
    }
}
