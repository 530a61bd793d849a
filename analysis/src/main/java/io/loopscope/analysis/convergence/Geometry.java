package io.loopscope.analysis.convergence;

/** The step measures shared by the convergence curves and the exit criteria, defined as the engine defines them. */
final class Geometry {
    private Geometry() {
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
        return Math.sqrt(s);
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return Math.sqrt(s);
    }

    /** ‖b − a‖ / ‖b‖; 0 for no move, +∞ for a move to the origin. */
    static double relativeStep(double[] a, double[] b) {
        double diff = 0, norm = 0;
        for (int j = 0; j < a.length; j++) {
            diff += (b[j] - a[j]) * (b[j] - a[j]);
            norm += b[j] * b[j];
        }
        return norm == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(diff / norm);
    }

    /** 1 − cos(a, b); 0 for identical states, 1 when either is zero and they differ. */
    static double oneMinusCos(double[] a, double[] b) {
        double dot = 0, na = 0, nb = 0, diff = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
            diff += (b[j] - a[j]) * (b[j] - a[j]);
        }
        double den = Math.sqrt(na * nb);
        return den == 0 ? (diff == 0 ? 0 : 1) : 1 - dot / den;
    }
}
