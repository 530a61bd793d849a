package io.loopscope.analysis.motif;

import io.loopscope.analysis.linalg.SymmetricEigen;

/**
 * Reads an orbit's evidence off the late window: the plane(s) of motion from the window's own
 * principal directions (in full dimension), the rotation per step in each plane, the radius, and
 * the period as the first lag at which the state comes back within a quarter radius.
 */
final class OrbitFit {
    /** Two planes when the top two directions hold less than this share of the window's variance. */
    private static final double ONE_PLANE_SHARE = 0.9;
    private static final double RETURN_FRACTION = 0.25;

    private OrbitFit() {
    }

    static MotifEvidence.Orbit of(TrajectoryFeatures.Measured m) {
        TrajectoryFeatures f = m.features();
        double[][] w = m.window();
        int n = w.length, h = w[0].length;
        SymmetricEigen e = m.stateEigen();
        int planes = f.stateShare2() >= ONE_PLANE_SHARE || Math.min(n, h) < 4 ? 1 : 2;
        int dims = Math.min(2 * planes, n);
        double[][] coords = new double[dims][n];
        double[][] basis = new double[2 * planes][h];
        for (int c = 0; c < dims; c++) {
            double lambda = Math.max(e.values()[c], 0), scale = Math.sqrt(lambda);
            for (int i = 0; i < n; i++) coords[c][i] = scale * e.vectors()[c][i];
            if (scale > 0) {
                for (int i = 0; i < n; i++) {
                    double u = e.vectors()[c][i] / scale;
                    for (int j = 0; j < h; j++) basis[c][j] += u * (w[i][j] - m.centroid()[j]);
                }
            }
        }
        double[] angles = new double[planes];
        for (int p = 0; p < planes; p++) {
            double sum = 0;
            for (int i = 1; i < n; i++) {
                double a0 = Math.atan2(2 * p + 1 < dims ? coords[2 * p + 1][i - 1] : 0, coords[2 * p][i - 1]);
                double a1 = Math.atan2(2 * p + 1 < dims ? coords[2 * p + 1][i] : 0, coords[2 * p][i]);
                double d = a1 - a0;
                while (d > Math.PI) d -= 2 * Math.PI;
                while (d <= -Math.PI) d += 2 * Math.PI;
                sum += Math.abs(d);
            }
            angles[p] = Math.toDegrees(sum / (n - 1));
        }
        double radius = 0;
        for (double[] s : w) radius += TrajectoryFeatures.distance(s, m.centroid());
        radius /= n;
        return new MotifEvidence.Orbit(period(w, radius), angles, radius, f.meanNorm() > 0 ? radius / f.meanNorm() : 0, basis);
    }

    /** The smallest lag p ≥ 2 whose mean return distance ‖s_{i+p} − s_i‖ is within a quarter radius; null if none. */
    private static Integer period(double[][] w, double radius) {
        int n = w.length;
        for (int p = 2; p <= n / 2; p++) {
            double sum = 0;
            for (int i = 0; i + p < n; i++) sum += TrajectoryFeatures.distance(w[i + p], w[i]);
            if (sum / (n - p) <= RETURN_FRACTION * radius) return p;
        }
        return null;
    }
}
