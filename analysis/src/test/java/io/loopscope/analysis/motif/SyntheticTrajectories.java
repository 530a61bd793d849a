package io.loopscope.analysis.motif;

import java.util.SplittableRandom;

/**
 * Analytic trajectories s_0..s_R in high dimension for the motif tests: each family is built in a
 * few coordinates, then placed in H dimensions along a random orthonormal frame around a random
 * centre, with isotropic noise, and started from a random far-away s_0 (as Huginn's random init).
 */
final class SyntheticTrajectories {
    enum Family {
        CONTRACTING_SPIRAL(Motif.FIXED_POINT),
        MONOTONE_CONTRACTION(Motif.FIXED_POINT),
        CIRCLE(Motif.ORBIT),
        TWO_PLANE_ROTATION(Motif.ORBIT),
        LINEAR_DRIFT(Motif.SLIDER),
        EXPONENTIAL_GROWTH(Motif.DIVERGING),
        RANDOM_WALK(Motif.OTHER);

        final Motif expected;

        Family(Motif expected) {
            this.expected = expected;
        }
    }

    private final SplittableRandom random;
    final int hidden, iterations;
    private final double[][] frame; // 4 orthonormal directions in R^H
    private final double[] centre;

    SyntheticTrajectories(long seed, int hidden, int iterations) {
        this.random = new SplittableRandom(seed);
        this.hidden = hidden;
        this.iterations = iterations;
        this.frame = orthonormalFrame(4);
        this.centre = gaussian(10 / Math.sqrt(hidden));
    }

    double[][] make(Family family) {
        int r = iterations;
        double[][] x = new double[r + 1][];
        double u = uniform(0, 2 * Math.PI);
        double noise; // norm of the per-step noise vector
        switch (family) {
            case CONTRACTING_SPIRAL -> {
                double amp = uniform(2, 5), rho = uniform(0.6, 0.93), theta = Math.toRadians(uniform(10, 120));
                noise = 1e-3 * amp;
                for (int t = 0; t <= r; t++) x[t] = place(amp * Math.pow(rho, t) * Math.cos(theta * t + u), amp * Math.pow(rho, t) * Math.sin(theta * t + u), 0, 0);
            }
            case MONOTONE_CONTRACTION -> {
                double amp = uniform(2, 5), rho1 = uniform(0.6, 0.93), rho2 = uniform(0.6, 0.93), mix = uniform(0, 0.5);
                noise = 1e-3 * amp;
                for (int t = 0; t <= r; t++) x[t] = place(amp * Math.pow(rho1, t), mix * amp * Math.pow(rho2, t), 0, 0);
            }
            case CIRCLE -> {
                double radius = uniform(1, 4), theta = Math.toRadians(uniform(15, 170));
                noise = 0.02 * radius;
                for (int t = 0; t <= r; t++) x[t] = place(radius * Math.cos(theta * t + u), radius * Math.sin(theta * t + u), 0, 0);
            }
            case TWO_PLANE_ROTATION -> {
                double r1 = uniform(1, 3), r2 = r1 * uniform(0.3, 1), t1 = Math.toRadians(uniform(15, 150)), t2 = Math.toRadians(uniform(15, 150));
                double v = uniform(0, 2 * Math.PI);
                noise = 0.02 * r1;
                for (int t = 0; t <= r; t++) {
                    x[t] = place(r1 * Math.cos(t1 * t + u), r1 * Math.sin(t1 * t + u), r2 * Math.cos(t2 * t + v), r2 * Math.sin(t2 * t + v));
                }
            }
            case LINEAR_DRIFT -> {
                double speed = uniform(0.05, 0.5), wobble = uniform(0, 0.3) * speed;
                noise = 0.05 * speed;
                for (int t = 0; t <= r; t++) x[t] = place(speed * t, wobble * Math.sin(0.7 * t), 0, 0);
            }
            case EXPONENTIAL_GROWTH -> {
                double amp = uniform(0.01, 0.1), g = uniform(1.05, 1.25), theta = Math.toRadians(uniform(0, 60));
                noise = 1e-3 * amp;
                for (int t = 0; t <= r; t++) x[t] = place(amp * Math.pow(g, t) * Math.cos(theta * t + u), amp * Math.pow(g, t) * Math.sin(theta * t + u), 0, 0);
            }
            case RANDOM_WALK -> {
                double step = uniform(0.1, 1);
                noise = 0;
                x[0] = place(0, 0, 0, 0);
                for (int t = 1; t <= r; t++) {
                    double[] g = gaussian(step / Math.sqrt(hidden));
                    x[t] = x[t - 1].clone();
                    for (int j = 0; j < hidden; j++) x[t][j] += g[j];
                }
            }
            default -> throw new IllegalStateException();
        }
        for (int t = 1; t <= r; t++) {
            double[] g = gaussian(noise / Math.sqrt(hidden));
            for (int j = 0; j < hidden; j++) x[t][j] += g[j];
        }
        x[0] = centre.clone(); // a random s0 far from where the loop goes
        double[] jump = gaussian(uniform(10, 30) / Math.sqrt(hidden));
        for (int j = 0; j < hidden; j++) x[0][j] += jump[j];
        return x;
    }

    private double[] place(double a, double b, double c, double d) {
        double[] v = centre.clone();
        double[] coef = {a, b, c, d};
        for (int k = 0; k < 4; k++) for (int j = 0; j < hidden; j++) v[j] += coef[k] * frame[k][j];
        return v;
    }

    private double[][] orthonormalFrame(int k) {
        double[][] q = new double[k][];
        for (int i = 0; i < k; i++) {
            double[] v = gaussian(1);
            for (int p = 0; p < i; p++) {
                double dot = 0;
                for (int j = 0; j < hidden; j++) dot += v[j] * q[p][j];
                for (int j = 0; j < hidden; j++) v[j] -= dot * q[p][j];
            }
            double n = 0;
            for (double e : v) n += e * e;
            n = Math.sqrt(n);
            for (int j = 0; j < hidden; j++) v[j] /= n;
            q[i] = v;
        }
        return q;
    }

    private double[] gaussian(double sigma) {
        double[] v = new double[hidden];
        for (int j = 0; j < hidden; j++) v[j] = sigma * nextGaussian();
        return v;
    }

    private double nextGaussian() {
        double u1 = random.nextDouble(), u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    private double uniform(double lo, double hi) {
        return random.nextDouble(lo, hi);
    }
}
