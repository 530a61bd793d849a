package io.loopscope.analysis.convergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TestTraces;
import io.loopscope.analysis.TraceData;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.exit.ExitThresholds;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitStepsTest {
    static final int R = 20;

    /**
     * Token 0: s_i = c + 0.5^i·e with c = (4, 0), e = (0, 2): the step is 0.5^i·2·(1 − ½)·… so the
     * relative step ‖s_i − s_{i−1}‖/‖s_i‖ = 0.5^{i−1}·… is known in closed form. Token 1 stays put.
     */
    static TraceData contracting(String label, float[] kl, int[] top1) {
        double[][] a = new double[R + 1][2], b = new double[R + 1][2];
        for (int i = 0; i <= R; i++) {
            a[i] = new double[] {4, 2 * Math.pow(0.5, i)};
            b[i] = new double[] {1, 1};
        }
        TraceData.Builder builder = TestTraces.builder("c", TestTraces.byStep(a, b)).label(label);
        if (kl != null) builder.lensKl(kl);
        if (top1 != null) builder.lensTop1(top1);
        return builder.build();
    }

    static double relativeStep(int i) {
        double step = 2 * Math.pow(0.5, i); // |2·0.5^{i−1} − 2·0.5^i|
        return step / Math.hypot(4, 2 * Math.pow(0.5, i));
    }

    @Test
    void latentDiffCosineAndSecondOrderMatchTheirClosedForms() {
        TraceData d = contracting(null, null, null);
        Map<ExitCriterion, CriterionSteps> steps = ExitSteps.compute(d, ExitThresholds.parse("latent-diff=0.03,cosine=1e-4,second-order=1e-3"));
        int expectedLatent = 1;
        while (relativeStep(expectedLatent) >= 0.03) expectedLatent++;
        assertEquals(expectedLatent, steps.get(ExitCriterion.LATENT_DIFF).steps().get(0));
        assertEquals(1, steps.get(ExitCriterion.LATENT_DIFF).steps().get(1), "a token that never moves exits at step 1");
        int expectedSecond = 2;
        while (Math.abs(relativeStep(expectedSecond) - relativeStep(expectedSecond - 1)) >= 1e-3) expectedSecond++;
        assertEquals(expectedSecond, steps.get(ExitCriterion.SECOND_ORDER).steps().get(0));
        assertEquals(R, steps.get(ExitCriterion.NONE).steps().get(0));
        assertEquals("needs lens_kl", steps.get(ExitCriterion.KL).unavailable());
        assertEquals("needs lens_entropy", steps.get(ExitCriterion.ENTROPY_DIFF).unavailable());
    }

    @Test
    void lensCriteriaUseTheRecordedLens() {
        float[] kl = new float[(R + 1) * 2];
        int[] top1 = new int[(R + 1) * 2];
        for (int s = 0; s <= R; s++) {
            kl[s * 2] = (float) (0.1 * Math.pow(0.5, s)); // < 5e-4 first at s = 8 (0.1/256 = 3.9e-4)
            kl[s * 2 + 1] = 1;                            // never
            top1[s * 2] = s < 6 ? s : 42;                  // stable from step 6: 3 unchanged steps at step 9
            top1[s * 2 + 1] = s % 2;                       // flips every step: never stable
        }
        TraceData d = contracting(null, kl, top1);
        Map<ExitCriterion, CriterionSteps> steps = ExitSteps.compute(d, ExitThresholds.parse("argmax-stability=3"));
        assertEquals(Arrays.asList(8, null), steps.get(ExitCriterion.KL).steps());
        assertEquals(Arrays.asList(9, null), steps.get(ExitCriterion.ARGMAX_STABILITY).steps());
    }

    @Test
    void distributionsOverTokensAndByLabel() {
        TraceData easy = contracting("easy", null, null), alsoEasy = contracting("easy", null, null), hard = contracting("hard", null, null);
        Map<String, Map<ExitCriterion, ExitDistribution>> groups = ExitStatistics.byLabel(List.of(easy, alsoEasy, hard), ExitThresholds.defaults());
        assertEquals(List.of("easy", "hard"), List.copyOf(groups.keySet()));
        ExitDistribution latent = groups.get("easy").get(ExitCriterion.LATENT_DIFF);
        assertEquals(4, latent.tokens());
        assertEquals(0, latent.never());
        int step = ExitSteps.compute(easy, ExitThresholds.defaults()).get(ExitCriterion.LATENT_DIFF).steps().get(0);
        assertEquals(Map.of(1, 2, step, 2), latent.counts());
        assertEquals((1 + step) / 2.0, latent.mean(), 1e-12);
        assertEquals(null, groups.get("easy").get(ExitCriterion.KL), "unavailable criteria have no distribution");
        ExitDistribution withNever = ExitDistribution.of(Arrays.asList(3, null, 5));
        assertEquals(1, withNever.never());
        assertEquals(4.0, withNever.median());
    }

    @Test
    void convergenceCurvesMatchTheGeometry() {
        TraceData d = contracting(null, null, null);
        TokenConvergence c = Convergence.compute(d, StateSpace.RAW, null).getFirst();
        double end = 2 * Math.pow(0.5, R);
        for (int i = 0; i <= R; i++) assertEquals(2 * Math.pow(0.5, i) - end, c.distanceToEnd()[i], 1e-6);
        assertEquals(relativeStep(3), c.relativeStep()[3], 1e-6);
        assertEquals(Double.NaN, c.relativeStep()[0]);
        assertNull(c.lensKl());
        // against a reference whose end point is (4, 1): distance = |2·0.5^i − 1|
        double[][] ref = new double[5][2], still = new double[5][2];
        for (int i = 0; i < 5; i++) {
            ref[i] = new double[] {4, 1};
            still[i] = new double[] {1, 1};
        }
        TraceData reference = TestTraces.builder("ref", TestTraces.byStep(ref, still)).build();
        TokenConvergence vsRef = Convergence.compute(d, StateSpace.RAW, reference).getFirst();
        assertArrayEquals(new double[] {1, 0, 0.5}, Arrays.copyOf(vsRef.distanceToEnd(), 3), 1e-6);
        TraceData other = TestTraces.builder("x", new double[][][] {{{1, 2, 3}}}).build();
        assertThrows(IllegalArgumentException.class, () -> Convergence.compute(d, StateSpace.RAW, other));
    }
}
