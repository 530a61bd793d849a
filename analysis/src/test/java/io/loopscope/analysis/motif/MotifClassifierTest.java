package io.loopscope.analysis.motif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.motif.SyntheticTrajectories.Family;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MotifClassifierTest {
    private static final int SEEDS = Integer.getInteger("motif.seeds", 50);
    private final MotifClassifier classifier = new MotifClassifier();

    /** Every family × 50 random instances (H = 64, 128 or 256; R = 64) must get its label; prints the confusion matrix. */
    @Test
    void labelsAnalyticTrajectoriesAcrossRandomInstances() {
        Map<Family, EnumMap<Motif, Integer>> confusion = new EnumMap<>(Family.class);
        StringBuilder failures = new StringBuilder();
        for (Family family : Family.values()) {
            EnumMap<Motif, Integer> row = new EnumMap<>(Motif.class);
            for (Motif m : Motif.values()) row.put(m, 0);
            for (int seed = 0; seed < SEEDS; seed++) {
                int hidden = new int[] {64, 128, 256}[seed % 3];
                double[][] x = new SyntheticTrajectories(1000L * family.ordinal() + seed, hidden, 64).make(family);
                MotifResult result = classifier.classify(x);
                row.merge(result.motif(), 1, Integer::sum);
                if (result.motif() != family.expected && failures.length() < 4000) {
                    failures.append(family).append(" seed ").append(seed).append(" → ").append(result.describe()).append('\n')
                            .append("   ").append(result.features()).append('\n');
                }
            }
            confusion.put(family, row);
        }
        String matrix = format(confusion);
        System.out.println(matrix);
        for (Family family : Family.values()) {
            assertEquals(SEEDS, confusion.get(family).get(family.expected), "family " + family + "\n" + matrix + "\n" + failures);
        }
    }

    @Test
    void fixedPointEvidenceRecoversTheContractionRatio() {
        // s_t = c + 3·0.8^t·e, no noise: contraction ratio exactly 0.8, settled once 0.8^t < 1 %
        double[][] x = new double[41][32];
        for (int t = 0; t <= 40; t++) {
            for (int j = 0; j < 32; j++) x[t][j] = 1.0 + (j == 3 ? 3 * Math.pow(0.8, t) : 0);
        }
        MotifResult r = classifier.classify(x);
        assertEquals(Motif.FIXED_POINT, r.motif(), r.describe());
        MotifEvidence.FixedPoint e = assertInstanceOf(MotifEvidence.FixedPoint.class, r.evidence());
        assertEquals(0.8, e.contractionRatio(), 1e-6);
        assertNotNull(e.settlingStep());
        // distance to the final state is 3·(0.8^t − 0.8^40) ≤ 1 % of 3·(1 − 0.8^40) from t = 21 on
        assertEquals(21, e.settlingStep());
        assertTrue(r.describe().contains("contracts 0.80× per step, settled by step 21"), r.describe());
    }

    @Test
    void orbitEvidenceRecoversPeriodAngleRadiusAndPlane() {
        int h = 96;
        double[][] x = new double[65][h];
        for (int t = 0; t <= 64; t++) {
            double phi = 2 * Math.PI * t / 6; // period 6 → 60° per step
            x[t][10] = 5 + 2 * Math.cos(phi);
            x[t][20] = 2 * Math.sin(phi);
        }
        MotifResult r = classifier.classify(x);
        MotifEvidence.Orbit o = assertInstanceOf(MotifEvidence.Orbit.class, r.evidence(), r.describe());
        assertEquals(6, o.period());
        assertEquals(60, o.rotationDegrees()[0], 1.0); // measured around the window centroid, a little off the true centre
        assertEquals(2, o.radius(), 0.05); // the window holds 5⅓ turns, so its centroid is close to the centre
        double[][] plane = o.plane();
        for (double[] v : plane) assertEquals(1, v[10] * v[10] + v[20] * v[20], 1e-9, "plane lies in span(e10, e20)");
    }

    @Test
    void roundingNoiseThatCirclesAroundAPointIsAFixedPointNotAnOrbit() {
        // a big first jump, then a rotation of radius 2e-7 × the state norm: what a settled float32 state
        // looks like (the embedded model produced such "quasi-periodic orbits" of radius ~3e-6)
        int h = 96;
        double[][] x = new double[65][h];
        for (int t = 1; t <= 64; t++) {
            double phi = 2 * Math.PI * t / 3.3;
            x[t][10] = 10 + 2e-6 * Math.cos(phi);
            x[t][20] = 2e-6 * Math.sin(phi);
        }
        MotifResult r = classifier.classify(x);
        assertEquals(Motif.FIXED_POINT, r.motif(), r.describe());
        // the same rotation at 1e-3 of the norm is well above float32 resolution: a real (small) orbit
        for (int t = 1; t <= 64; t++) {
            double phi = 2 * Math.PI * t / 3.3;
            x[t][10] = 10 + 1e-2 * Math.cos(phi);
            x[t][20] = 1e-2 * Math.sin(phi);
        }
        assertEquals(Motif.ORBIT, classifier.classify(x).motif());
    }

    @Test
    void roundingNoiseWhoseStepsCreepUpIsAFixedPointNotADivergence() {
        // a contraction onto 10·e0 that reaches the float32 floor, after which the noise steps happen to
        // grow 1.05× per step (the embedded model showed such a token: steps "growing", norm flat)
        int h = 96;
        double[][] x = new double[65][h];
        Random random = new Random(3);
        for (int t = 0; t <= 64; t++) {
            x[t][0] = 10 + 3 * Math.pow(0.5, t);
            double noise = t < 30 ? 0 : 1e-7 * Math.pow(1.05, t);
            for (int d = 1; d < h; d++) x[t][d] = noise * random.nextGaussian() / Math.sqrt(h);
        }
        MotifResult r = classifier.classify(x);
        assertEquals(Motif.FIXED_POINT, r.motif(), r.describe());
        // the same creeping growth well above float32 resolution is a real divergence
        for (int t = 0; t <= 64; t++) {
            x[t][0] = 10 + 3 * Math.pow(0.5, t);
            for (int d = 1; d < h; d++) x[t][d] = 1e-2 * Math.pow(1.08, t) * random.nextGaussian() / Math.sqrt(h);
        }
        assertEquals(Motif.DIVERGING, classifier.classify(x).motif(), classifier.classify(x).describe());
    }

    @Test
    void sliderEvidenceRecoversSpeedAndDirection() {
        double[][] x = new double[33][16];
        for (int t = 0; t <= 32; t++) {
            x[t][0] = 4;
            x[t][5] = 0.25 * t;
        }
        MotifResult r = classifier.classify(x);
        MotifEvidence.Slider s = assertInstanceOf(MotifEvidence.Slider.class, r.evidence(), r.describe());
        assertEquals(0.25, s.speed(), 1e-9);
        assertEquals(1, s.directionConsistency(), 1e-9);
        assertEquals(1, s.direction()[5], 1e-9);
    }

    @Test
    void divergingReportsTheGrowthRate() {
        double[][] x = new double[41][8];
        for (int t = 0; t <= 40; t++) x[t][1] = Math.pow(1.1, t);
        MotifResult r = classifier.classify(x);
        MotifEvidence.Diverging d = assertInstanceOf(MotifEvidence.Diverging.class, r.evidence(), r.describe());
        assertEquals(1.1, d.growthRate(), 1e-6);
    }

    @Test
    void shortAndEmptyTrajectoriesSaySo() {
        MotifResult none = classifier.classify(new double[1][4]);
        assertEquals(Motif.OTHER, none.motif());
        assertTrue(none.describe().contains("nothing to classify: R = 0"), none.describe());
        MotifResult shortRun = classifier.classify(new double[4][4]);
        assertTrue(shortRun.describe().contains("too few iterations"), shortRun.describe());
    }

    @Test
    void oneDimensionalStatesStillClassify() {
        double[][] contracting = new double[33][1];
        double[][] flipping = new double[33][1];
        for (int t = 0; t <= 32; t++) {
            contracting[t][0] = 2 + Math.pow(0.7, t);
            flipping[t][0] = t % 2 == 0 ? 1 : -1;
        }
        assertEquals(Motif.FIXED_POINT, classifier.classify(contracting).motif());
        MotifResult flip = classifier.classify(flipping);
        assertEquals(Motif.ORBIT, flip.motif(), flip.describe());
        assertEquals(2, ((MotifEvidence.Orbit) flip.evidence()).period());
    }

    static String format(Map<Family, EnumMap<Motif, Integer>> confusion) {
        StringBuilder sb = new StringBuilder(String.format("%-22s", "family \\ label"));
        for (Motif m : Motif.values()) sb.append(String.format("%13s", m.id()));
        sb.append('\n');
        confusion.forEach((family, row) -> {
            sb.append(String.format("%-22s", family.name().toLowerCase()));
            for (Motif m : Motif.values()) sb.append(String.format("%13d", row.get(m)));
            sb.append('\n');
        });
        return sb.toString();
    }
}
