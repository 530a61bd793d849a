package io.loopscope.analysis.compare;

import io.loopscope.inference.tasks.EvalReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy on the task suite after r loop iterations, per task, in-distribution and on the harder
 * held-out range, as {@code Evaluator} measured it.
 *
 * @param recurrences    the r values, ascending
 * @param samples        examples per task and range
 * @param inDistribution task → accuracy at each r, in [0, 1]
 * @param harder         task → accuracy at each r on the harder range
 */
public record AccuracyCurves(int[] recurrences, int samples, Map<String, List<Double>> inDistribution, Map<String, List<Double>> harder) {
    public AccuracyCurves {
        recurrences = recurrences.clone();
        if (recurrences.length == 0) throw new IllegalArgumentException("accuracy curves need at least one r");
        for (int i = 0; i < recurrences.length; i++) {
            if (recurrences[i] < 1 || (i > 0 && recurrences[i] <= recurrences[i - 1])) {
                throw new IllegalArgumentException("r values must be ascending and >= 1, got " + Arrays.toString(recurrences));
            }
        }
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        if (inDistribution.isEmpty() || !inDistribution.keySet().equals(harder.keySet())) {
            throw new IllegalArgumentException("both ranges need a curve for the same tasks (at least one)");
        }
        inDistribution = copy(inDistribution, recurrences.length);
        harder = copy(harder, recurrences.length);
    }

    /** The curves of an eval report. */
    public static AccuracyCurves of(EvalReport report) {
        Map<String, List<Double>> in = new LinkedHashMap<>(), hard = new LinkedHashMap<>();
        report.tasks().forEach((task, s) -> {
            in.put(task, Arrays.stream(s.inDistribution()).boxed().toList());
            hard.put(task, Arrays.stream(s.harder()).boxed().toList());
        });
        return new AccuracyCurves(report.recurrences(), report.samples(), in, hard);
    }

    @Override
    public int[] recurrences() {
        return recurrences.clone();
    }

    /** The mean over tasks at each r, in-distribution (each task has as many examples, so each weighs the same). */
    public List<Double> meanInDistribution() {
        return mean(inDistribution);
    }

    /** The mean over tasks at each r on the harder range. */
    public List<Double> meanHarder() {
        return mean(harder);
    }

    /** The index of r in {@link #recurrences}; IllegalArgumentException when r was not evaluated. */
    public int indexOf(int r) {
        int i = Arrays.binarySearch(recurrences, r);
        if (i < 0) throw new IllegalArgumentException("r = " + r + " was not evaluated (r values: " + Arrays.toString(recurrences) + ")");
        return i;
    }

    private static List<Double> mean(Map<String, List<Double>> curves) {
        int n = curves.values().iterator().next().size();
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (List<Double> c : curves.values()) sum += c.get(i);
            out.add(sum / curves.size());
        }
        return List.copyOf(out);
    }

    private static Map<String, List<Double>> copy(Map<String, List<Double>> curves, int length) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        curves.forEach((task, c) -> {
            if (c.size() != length) throw new IllegalArgumentException(task + ": one accuracy per r (" + length + "), got " + c.size());
            for (Double a : c) if (a == null || !(a >= 0 && a <= 1)) throw new IllegalArgumentException(task + ": accuracy must be in [0, 1], got " + a);
            out.put(task, List.copyOf(c));
        });
        return Collections.unmodifiableMap(out);
    }
}
