package io.loopscope.analysis.convergence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import smile.math.Histogram;
import smile.math.MathEx;

/**
 * How exit steps of one criterion spread over tokens (of one trace, or of many traces pooled).
 *
 * @param tokens  tokens counted
 * @param never   tokens for which the criterion never fired
 * @param counts  exit step → number of tokens exiting there (the histogram with one bin per step)
 * @param mean    mean exit step of the tokens that exited, or null if none did
 * @param median  median of the same, or null
 */
public record ExitDistribution(int tokens, int never, SortedMap<Integer, Integer> counts, Double mean, Double median) {
    public ExitDistribution {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
        int sum = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (sum + never != tokens) throw new IllegalArgumentException("counts (" + sum + ") + never (" + never + ") != tokens (" + tokens + ")");
    }

    /** From exit steps, null meaning "never". */
    public static ExitDistribution of(List<Integer> steps) {
        int[] exited = steps.stream().filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
        int never = steps.size() - exited.length;
        if (exited.length == 0) return new ExitDistribution(steps.size(), never, new TreeMap<>(), null, null);
        return new ExitDistribution(steps.size(), never, histogram(exited), MathEx.mean(exited), median(exited));
    }

    /** All positions of several distributions in one (the rest of a batch beside one category, say). */
    public static ExitDistribution pooled(Collection<ExitDistribution> parts) {
        List<Integer> steps = new ArrayList<>();
        for (ExitDistribution d : parts) steps.addAll(d.steps());
        return of(steps);
    }

    /** The positions as exit steps again, ascending, null (never) last. */
    public List<Integer> steps() {
        List<Integer> out = new ArrayList<>(tokens);
        counts.forEach((step, n) -> out.addAll(Collections.nCopies(n, step)));
        out.addAll(Collections.nCopies(never, null));
        return out;
    }

    /** Smile's histogram with unit-wide bins centred on the steps, its empty bins left out. */
    private static SortedMap<Integer, Integer> histogram(int[] steps) {
        int min = MathEx.min(steps), max = Math.max(MathEx.max(steps), min + 1); // Smile wants two bins at least
        double[] breaks = new double[max - min + 2];
        for (int i = 0; i < breaks.length; i++) breaks[i] = min - 0.5 + i;
        double[][] bins = Histogram.of(steps, breaks); // rows: lower bounds, upper bounds, counts
        SortedMap<Integer, Integer> out = new TreeMap<>();
        for (int b = 0; b < bins[2].length; b++) if (bins[2][b] > 0) out.put(min + b, (int) bins[2][b]);
        return out;
    }

    /**
     * The mean of the two middle values for an even count (numpy's median). Not Smile's
     * {@code MathEx.median}: that selects the upper middle element, so 3, 5 would have median 5.
     */
    private static double median(int[] steps) {
        int[] sorted = steps.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
