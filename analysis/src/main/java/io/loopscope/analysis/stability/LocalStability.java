package io.loopscope.analysis.stability;

import io.loopscope.inference.math.GeneralEigen;
import io.loopscope.inference.math.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The loop map's local stability at a state: the leading eigenvalues of its Jacobian J = ∂f/∂s,
 * from Arnoldi iterations on Jacobian-vector products by central finite differences
 * (J v ≈ (f(s + εv) − f(s − εv)) / 2ε). A fixed point shows ρ &lt; 1; a period-2 orbit an eigenvalue
 * near −1 of the one-step map at its centre; a rotation a complex pair near the unit circle.
 *
 * @param spectralRadius ρ, the largest |λ| found
 * @param leadingModulus |λ| of the leading eigenvalue (= ρ)
 * @param leadingAngle   its argument in radians: 0 for a positive real λ, π for a negative one, ±θ for a rotating pair
 * @param eigenvalues    the Ritz values found, {re, im}, largest modulus first
 * @param krylov         the Krylov dimension used (fewer than asked when the space was exhausted)
 */
public record LocalStability(double spectralRadius, double leadingModulus, double leadingAngle, List<double[]> eigenvalues, int krylov) {

    public LocalStability {
        eigenvalues = List.copyOf(eigenvalues);
    }

    /** Whether the leading eigenvalue is part of a complex pair (a rotation), beyond rounding. */
    public boolean rotates() {
        return Math.abs(Math.sin(leadingAngle)) > 1e-3;
    }

    /**
     * @param map       the one-step loop map f of one token's state [H] → [H]
     * @param at        the state to linearise at
     * @param krylov    Arnoldi steps (the number of eigenvalues estimated), 1..H
     * @param relativeEps the finite-difference step as a fraction of ‖at‖ (1e-3 suits float32 maps)
     * @param seed      seeds the start vector, so the estimate repeats
     */
    public static LocalStability of(UnaryOperator<double[]> map, double[] at, int krylov, double relativeEps, long seed) {
        int h = at.length;
        if (krylov < 1 || krylov > h) throw new IllegalArgumentException("krylov dimension must be in 1.." + h + ", got " + krylov);
        if (!(relativeEps > 0)) throw new IllegalArgumentException("the finite-difference step must be > 0, got " + relativeEps);
        for (double v : at) if (!Double.isFinite(v)) throw new IllegalArgumentException("the state holds NaN or infinite values: no Jacobian there");
        double eps = relativeEps * Math.max(Vectors.norm(at), 1e-12);
        double[][] q = new double[krylov + 1][];
        double[][] hess = new double[krylov + 1][krylov];
        SplittableRandom random = new SplittableRandom(seed);
        double[] v0 = new double[h];
        for (int j = 0; j < h; j++) v0[j] = random.nextGaussian();
        q[0] = scaled(v0, 1 / Vectors.norm(v0));
        int m = krylov;
        for (int k = 0; k < krylov; k++) {
            double[] w = jvp(map, at, q[k], eps);
            for (int i = 0; i <= k; i++) {                     // modified Gram-Schmidt, twice for float-noisy products
                for (int pass = 0; pass < 2; pass++) {
                    double dot = dot(w, q[i]);
                    hess[i][k] += dot;
                    for (int j = 0; j < h; j++) w[j] -= dot * q[i][j];
                }
            }
            double norm = Vectors.norm(w);
            hess[k + 1][k] = norm;
            if (norm < 1e-10) {                                 // an invariant subspace: its eigenvalues are exact
                m = k + 1;
                break;
            }
            q[k + 1] = scaled(w, 1 / norm);
        }
        double[][] square = new double[m][m];
        for (int i = 0; i < m; i++) System.arraycopy(hess[i], 0, square[i], 0, m);
        double[][] e = GeneralEigen.eigenvalues(square);
        List<double[]> values = new ArrayList<>();
        for (int i = 0; i < m; i++) values.add(new double[] {e[0][i], e[1][i]});
        values.sort(Comparator.comparingDouble((double[] z) -> -Math.hypot(z[0], z[1])).thenComparingDouble(z -> -z[1]));
        double[] lead = values.getFirst();
        double rho = Math.hypot(lead[0], lead[1]);
        return new LocalStability(rho, rho, Math.atan2(lead[1], lead[0]), values, m);
    }

    private static double[] jvp(UnaryOperator<double[]> map, double[] at, double[] v, double eps) {
        int h = at.length;
        double[] plus = new double[h], minus = new double[h];
        for (int j = 0; j < h; j++) {
            plus[j] = at[j] + eps * v[j];
            minus[j] = at[j] - eps * v[j];
        }
        double[] fp = map.apply(plus), fm = map.apply(minus);
        double[] out = new double[h];
        for (int j = 0; j < h; j++) out[j] = (fp[j] - fm[j]) / (2 * eps);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }

    private static double[] scaled(double[] a, double f) {
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) out[j] = a[j] * f;
        return out;
    }
}
