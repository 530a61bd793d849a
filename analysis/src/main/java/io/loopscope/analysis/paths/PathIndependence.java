package io.loopscope.analysis.paths;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import java.util.ArrayList;
import java.util.List;

/**
 * Path independence: several runs of one prompt from different s0 seeds. A token is path
 * independent when all runs end in the same attractor — the same fixed point, or the same orbit in
 * any phase. Orbits are compared as sets (the last quarter of each run's states) with the symmetric
 * Hausdorff distance, so two runs going round the same cycle at different phases still match. Each
 * point is measured against the other run's path (the segments between its successive late states),
 * not its points alone: two samplings of one circle at different phases miss each other's points by
 * up to half a step, but not each other's paths.
 */
public final class PathIndependence {
    /** Default tolerance: late-state sets within 5 % of the state norm count as one attractor. */
    public static final double DEFAULT_TOLERANCE = 0.05;

    private PathIndependence() {
    }

    public static List<TokenAttractor> compare(List<TraceData> runs, StateSpace space, double tolerance) {
        if (runs.size() < 2) throw new IllegalArgumentException("path independence needs at least two runs of the prompt, got " + runs.size());
        if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be > 0");
        TraceData first = runs.getFirst();
        for (TraceData run : runs) {
            if (run.tokens() != first.tokens() || run.hidden() != first.hidden()) {
                throw new IllegalArgumentException(run.source() + " has " + run.tokens() + " tokens × H " + run.hidden() + ", "
                        + first.source() + " has " + first.tokens() + " × " + first.hidden() + ": not runs of the same prompt and model");
            }
            if (run.iterations() < 1) throw new IllegalArgumentException(run.source() + " has R = 0: no attractor to compare");
            if (!run.nonFinite().isEmpty()) throw new IllegalArgumentException(run.source() + " has NaN/Inf states; path independence needs finite runs");
        }
        List<TokenAttractor> out = new ArrayList<>();
        for (int t = 0; t < first.tokens(); t++) {
            List<double[][]> late = new ArrayList<>();
            List<double[]> starts = new ArrayList<>();
            double scale = 0;
            int count = 0;
            for (TraceData run : runs) {
                int r = run.iterations(), q = Math.min(r, Math.max(4, r / 4));
                double[][] set = new double[q][];
                for (int i = 0; i < q; i++) {
                    set[i] = run.state(r - q + 1 + i, t, space);
                    scale += norm(set[i]);
                    count++;
                }
                late.add(set);
                starts.add(run.state(0, t, space));
            }
            scale /= count;
            double initial = 0, fin = 0, hausdorff = 0;
            for (int a = 0; a < runs.size(); a++) {
                for (int b = a + 1; b < runs.size(); b++) {
                    initial = Math.max(initial, distance(starts.get(a), starts.get(b)));
                    double[][] la = late.get(a), lb = late.get(b);
                    fin = Math.max(fin, distance(la[la.length - 1], lb[lb.length - 1]));
                    hausdorff = Math.max(hausdorff, hausdorff(la, lb));
                }
            }
            double relative = scale > 0 ? hausdorff / scale : (hausdorff == 0 ? 0 : Double.POSITIVE_INFINITY);
            out.add(new TokenAttractor(t, relative <= tolerance, initial, fin, hausdorff, scale, relative));
        }
        return out;
    }

    static double hausdorff(double[][] a, double[][] b) {
        return Math.max(directed(a, b), directed(b, a));
    }

    private static double directed(double[][] from, double[][] to) {
        double worst = 0;
        for (double[] x : from) {
            double best = distance(x, to[0]);
            for (int i = 1; i < to.length; i++) best = Math.min(best, toSegment(x, to[i - 1], to[i]));
            worst = Math.max(worst, best);
        }
        return worst;
    }

    /** Distance from x to the segment [a, b]. */
    private static double toSegment(double[] x, double[] a, double[] b) {
        double ab = 0, ax = 0;
        for (int j = 0; j < x.length; j++) {
            ab += (b[j] - a[j]) * (b[j] - a[j]);
            ax += (x[j] - a[j]) * (b[j] - a[j]);
        }
        double t = ab == 0 ? 0 : Math.max(0, Math.min(1, ax / ab));
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            double p = a[j] + t * (b[j] - a[j]) - x[j];
            s += p * p;
        }
        return Math.sqrt(s);
    }

    private static double distance(double[] a, double[] b) {
        return io.loopscope.inference.math.Vectors.distance(a, b);
    }

    private static double norm(double[] a) {
        return io.loopscope.inference.math.Vectors.norm(a);
    }
}
