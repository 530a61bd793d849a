package io.loopscope.analysis.motif;

import io.loopscope.analysis.linalg.SymmetricEigen;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scale-free numbers the motif rules look at, measured on one trajectory s_0..s_R in any
 * dimension. Most are taken over the late window (the last max(8, R/2) steps), where the transient
 * from s_0 has passed; peak and tail use all steps.
 *
 * @param iterations    R
 * @param windowStart   first state of the window
 * @param stepGrowth    fitted factor per step of the step size over the window (exp of the log-linear slope)
 * @param shrink        geometric mean of the last third of the window's steps / that of the first third
 *                      (thirds, not single steps, so that step sizes that oscillate — a spiral turning in
 *                      two planes — do not hide a trend)
 * @param peakStep      largest step ‖s_t − s_{t−1}‖, t ≥ 1
 * @param tailStep      RMS step over the last quarter of the run
 * @param straightness  ‖s_R − s_w‖ / Σ window step sizes
 * @param alongShare    share of window step energy along the net displacement
 * @param wander        over the last quarter: ‖s_R − s_{R−q}‖ / RMS step, ~√q for a random walk, ~1 for jitter, ~q for a drift
 * @param stepShare4    share of window step energy in its top four directions
 * @param stateShare2   share of window state variance in its top two directions
 * @param stateShare4   share in its top four
 * @param radiusCv      std / mean of the distance of window states to their centroid
 * @param meanNorm      mean ‖s_t‖ over the window
 * @param normGrowth    (‖s_R‖ / ‖s_w‖)^(1/m)
 */
public record TrajectoryFeatures(
        int iterations,
        int windowStart,
        double stepGrowth,
        double shrink,
        double peakStep,
        double tailStep,
        double straightness,
        double alongShare,
        double wander,
        double stepShare4,
        double stateShare2,
        double stateShare4,
        double radiusCv,
        double meanNorm,
        double normGrowth) {

    /** Measures a trajectory [R+1][H] with R ≥ 4 and finite values. */
    public static TrajectoryFeatures measure(double[][] x) {
        return Measured.of(x).features();
    }

    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window_start", windowStart);
        m.put("step_growth", stepGrowth);
        m.put("shrink", shrink);
        m.put("tail_to_peak", peakStep > 0 ? tailStep / peakStep : 0.0);
        m.put("straightness", straightness);
        m.put("along_share", alongShare);
        m.put("wander", wander);
        m.put("step_share_4", stepShare4);
        m.put("state_share_2", stateShare2);
        m.put("state_share_4", stateShare4);
        m.put("radius_cv", radiusCv);
        return m;
    }

    /** The features plus the window geometry the orbit and slider evidence is read from. */
    record Measured(TrajectoryFeatures features, double[][] x, double[] stepSizes, double[][] window, double[] centroid,
                    SymmetricEigen stateEigen, double[] drift) {

        static Measured of(double[][] x) {
            int r = x.length - 1, h = x[0].length;
            if (r < 4) throw new IllegalArgumentException("need at least 4 steps, got " + r);
            double[] a = new double[r + 1];
            double peak = 0;
            for (int t = 1; t <= r; t++) {
                a[t] = distance(x[t], x[t - 1]);
                peak = Math.max(peak, a[t]);
            }
            int m = Math.min(r, Math.max(8, r / 2)), w = r - m;
            int q = Math.max(3, r / 4);
            double tail = 0;
            for (int t = r - q + 1; t <= r; t++) tail += a[t] * a[t];
            tail = Math.sqrt(tail / q);

            double meanNorm = 0;
            for (int t = w; t <= r; t++) meanNorm += norm(x[t]);
            meanNorm /= (m + 1);
            double floor = 1e-12 * (peak + meanNorm) + Double.MIN_NORMAL;
            double growth = Math.exp(logSlope(a, w + 1, r, floor));
            int third = Math.max(1, m / 3);
            double logFirst = 0, logLast = 0;
            for (int i = 0; i < third; i++) {
                logFirst += Math.log(a[w + 1 + i] + floor);
                logLast += Math.log(a[r - i] + floor);
            }
            double shrink = Math.exp((logLast - logFirst) / third);

            double[] drift = new double[h];
            for (int j = 0; j < h; j++) drift[j] = x[r][j] - x[w][j];
            double net = norm(drift), path = 0, stepEnergy = 0, along = 0;
            for (int t = w + 1; t <= r; t++) {
                path += a[t];
                stepEnergy += a[t] * a[t];
                if (net > 0) {
                    double p = 0;
                    for (int j = 0; j < h; j++) p += (x[t][j] - x[t - 1][j]) * drift[j];
                    along += (p / net) * (p / net);
                }
            }
            double straightness = path > 0 ? net / path : 0;
            double alongShare = stepEnergy > 0 ? along / stepEnergy : 0;
            // wander uses only the last quarter: by then a fixed point has reached its noise floor, even if it
            // was still contracting at the start of the window
            double lateNet = distance(x[r], x[r - q]);
            double wander = tail > 0 ? lateNet / tail : 0;

            double[][] window = Arrays.copyOfRange(x, w, r + 1);
            double[] centroid = new double[h];
            for (double[] s : window) for (int j = 0; j < h; j++) centroid[j] += s[j] / window.length;
            double[][] centred = new double[window.length][h];
            for (int i = 0; i < window.length; i++) for (int j = 0; j < h; j++) centred[i][j] = window[i][j] - centroid[j];
            SymmetricEigen stateEigen = SymmetricEigen.of(gram(centred));
            double[][] steps = new double[m][h];
            for (int i = 0; i < m; i++) for (int j = 0; j < h; j++) steps[i][j] = window[i + 1][j] - window[i][j];
            SymmetricEigen stepEigen = SymmetricEigen.of(gram(steps));

            double radiusMean = 0, radiusSq = 0;
            for (double[] c : centred) {
                double rad = norm(c);
                radiusMean += rad;
                radiusSq += rad * rad;
            }
            radiusMean /= centred.length;
            double radiusVar = Math.max(0, radiusSq / centred.length - radiusMean * radiusMean);
            double radiusCv = radiusMean > 0 ? Math.sqrt(radiusVar) / radiusMean : 0;
            double startNorm = norm(x[w]);
            double normGrowth = startNorm > 0 ? Math.pow(norm(x[r]) / startNorm, 1.0 / m) : 1;

            TrajectoryFeatures f = new TrajectoryFeatures(r, w, growth, shrink, peak, tail, straightness, alongShare, wander,
                    share(stepEigen.values(), 4), share(stateEigen.values(), 2), share(stateEigen.values(), 4), radiusCv, meanNorm, normGrowth);
            return new Measured(f, x, a, window, centroid, stateEigen, drift);
        }
    }

    static double[][] gram(double[][] rows) {
        int n = rows.length;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < rows[i].length; k++) s += rows[i][k] * rows[j][k];
                g[i][j] = g[j][i] = s;
            }
        }
        return g;
    }

    /** Sum of the top k eigenvalues over the sum of all (negative rounding noise clipped). */
    static double share(double[] values, int k) {
        double top = 0, all = 0;
        for (int i = 0; i < values.length; i++) {
            double v = Math.max(0, values[i]);
            all += v;
            if (i < k) top += v;
        }
        return all > 0 ? top / all : 1;
    }

    /** Least-squares slope of log(a_t + floor) over t in [from, to]. */
    static double logSlope(double[] a, int from, int to, double floor) {
        return logSlope(a, java.util.stream.IntStream.rangeClosed(from, to).toArray(), floor);
    }

    /** Least-squares slope of log(a_t + floor) over the given steps t (the one log-linear fit of the motif rules). */
    static double logSlope(double[] a, int[] steps, double floor) {
        int n = steps.length;
        if (n < 2) return 0;
        double mt = 0, ml = 0;
        for (int t : steps) {
            mt += t;
            ml += Math.log(a[t] + floor);
        }
        mt /= n;
        ml /= n;
        double num = 0, den = 0;
        for (int t : steps) {
            num += (t - mt) * (Math.log(a[t] + floor) - ml);
            den += (t - mt) * (t - mt);
        }
        return num / den;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double norm(double[] v) {
        return io.loopscope.inference.math.Vectors.norm(v);
    }

    static double distance(double[] u, double[] v) {
        return io.loopscope.inference.math.Vectors.distance(u, v);
    }
}
