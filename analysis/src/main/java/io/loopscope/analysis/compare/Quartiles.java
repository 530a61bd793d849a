package io.loopscope.analysis.compare;

import java.util.Arrays;

/**
 * The quartiles of a sample, by linear interpolation between order statistics (numpy's default,
 * Hyndman–Fan type 7): the p-quantile of the sorted x_0 … x_{n−1} lies at index p·(n − 1). The same
 * convention as {@code ExitDistribution}'s median, so a median here and there agree.
 *
 * @param n      values
 * @param q1     25th percentile
 * @param median 50th percentile
 * @param q3     75th percentile
 */
public record Quartiles(int n, double q1, double median, double q3) {
    public Quartiles {
        if (n < 1) throw new IllegalArgumentException("quartiles need at least one value");
        if (!(q1 <= median && median <= q3)) throw new IllegalArgumentException("quartiles must be ordered, got " + q1 + ", " + median + ", " + q3);
    }

    /** The quartiles of values, or null when there are none (no fixed point, say). NaN is refused. */
    public static Quartiles of(double[] values) {
        if (values.length == 0) return null;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) throw new IllegalArgumentException("quartiles of NaN are undefined");
        return new Quartiles(sorted.length, quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75));
    }

    private static double quantile(double[] sorted, double p) {
        double at = p * (sorted.length - 1);
        int lo = (int) Math.floor(at), hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }
}
