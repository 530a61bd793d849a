package io.loopscope.inference.math;

/**
 * The vector measures every part of LoopScope compares states with — the exit criteria online and
 * offline, the convergence curves, the motif features and path independence — written once, in
 * double precision.
 */
public final class Vectors {
    private Vectors() {
    }

    /** ‖a‖. */
    public static double norm(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return Math.sqrt(s);
    }

    /** ‖a − b‖. */
    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** ‖b − a‖ / ‖b‖, the latent-diff step from a to b; 0 for no move, +∞ for a move to the origin. */
    public static double relativeStep(double[] a, double[] b) {
        double diff = 0, norm = 0;
        for (int j = 0; j < a.length; j++) {
            diff += (b[j] - a[j]) * (b[j] - a[j]);
            norm += b[j] * b[j];
        }
        return norm == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(diff / norm);
    }

    /** 1 − cos(a, b); 0 for identical states, 1 when either is zero and they differ. */
    public static double oneMinusCos(double[] a, double[] b) {
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
