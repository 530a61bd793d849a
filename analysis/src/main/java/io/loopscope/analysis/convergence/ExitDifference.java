package io.loopscope.analysis.convergence;

import java.util.List;
import smile.stat.hypothesis.KSTest;

/**
 * Whether two exit-step distributions differ: Smile's two-sample Kolmogorov–Smirnov test.
 *
 * <p>A position whose criterion never fired counts as exiting later than every step (it used them
 * all), so a category that often runs out of iterations differs from one that exits early even when
 * the steps of those that did exit agree. Exit steps are integers with many ties; the p-value comes
 * from the asymptotic Kolmogorov distribution, which is conservative for such discrete data (it
 * over-states p), so a small p is evidence and a large one is not proof of sameness.
 *
 * @param statistic the largest gap D between the two empirical distribution functions, 0..1
 * @param pValue    probability of a gap at least as large if both came from one distribution
 * @param sizes     positions on each side
 */
public record ExitDifference(double statistic, double pValue, int[] sizes) {
    public ExitDifference {
        if (!(statistic >= 0 && statistic <= 1)) throw new IllegalArgumentException("KS statistic must be in [0, 1], got " + statistic);
        sizes = sizes.clone();
    }

    /** The test between a and b; both must hold at least one position. */
    public static ExitDifference between(ExitDistribution a, ExitDistribution b) {
        if (a.tokens() == 0 || b.tokens() == 0) throw new IllegalArgumentException("a KS test needs positions on both sides, got " + a.tokens() + " and " + b.tokens());
        KSTest ks = KSTest.test(sample(a), sample(b));
        return new ExitDifference(ks.d(), Math.min(1, Math.max(0, ks.pvalue())), new int[] {a.tokens(), b.tokens()});
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    private static double[] sample(ExitDistribution d) {
        List<Integer> steps = d.steps();
        double[] x = new double[steps.size()];
        for (int i = 0; i < x.length; i++) x[i] = steps.get(i) == null ? Double.POSITIVE_INFINITY : steps.get(i);
        return x;
    }
}
