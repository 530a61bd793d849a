package io.loopscope.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.motif.Motif;
import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.IntTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Loading any NPZ with states, and every kind of bad input, with the message a user sees. */
class TraceLoaderTest {

    /** Two tokens of H = 3: token 0 contracts to (1, 2, 3) by 0.5 per step, token 1 drifts along x. */
    static double[][][] states(int r) {
        double[][][] s = new double[r + 1][2][3];
        for (int i = 0; i <= r; i++) {
            double f = Math.pow(0.5, i);
            s[i][0] = new double[] {1 + f, 2 - f, 3};
            s[i][1] = new double[] {0.3 * i, 1, 1};
        }
        return s;
    }

    @Test
    void readsStatesOnlyNpzAndSaysWhatIsMissing(@TempDir Path dir) throws IOException {
        Path f = TestTraces.write(dir.resolve("other-tool.npz"), Map.of("states", TestTraces.array(states(12))), Map.of());
        TraceData d = TraceLoader.load(f);
        assertEquals(12, d.iterations());
        assertEquals(2, d.tokens());
        assertEquals(3, d.hidden());
        assertEquals(StateSpace.RAW, d.defaultSpace(), "no ln_f_weight → raw");
        assertEquals("#1", d.token(1));
        String notes = String.join("\n", d.notes());
        assertTrue(notes.contains("meta.json missing"), notes);
        assertTrue(notes.contains("lens_kl missing: the KL curve and the kl exit criterion are unavailable"), notes);
        assertTrue(notes.contains("ln_f_weight missing"), notes);
        assertEquals(1.5, d.state(1, 0, StateSpace.RAW)[0], 1e-6);

        TraceReport report = TraceAnalysis.analyze(d, AnalysisOptions.defaults());
        assertFalse(report.exitSteps().get(ExitCriterion.KL).available());
        assertEquals("needs lens_kl", report.exitSteps().get(ExitCriterion.KL).unavailable());
        assertEquals("needs lens_topk_ids", report.exitSteps().get(ExitCriterion.ARGMAX_STABILITY).unavailable());
        assertTrue(report.exitSteps().get(ExitCriterion.LATENT_DIFF).available());
        assertEquals(Motif.FIXED_POINT, report.motifs().get(0).motif(), report.motifs().get(0).describe());
        assertEquals(Motif.SLIDER, report.motifs().get(1).motif(), report.motifs().get(1).describe());
    }

    @Test
    void keepsTheLensTopKAsWritten(@TempDir Path dir) throws IOException {
        int r = 4, k = 3;
        int[][][] ids = new int[r + 1][2][k];
        float[][][] probs = new float[r + 1][2][k];
        for (int s = 0; s <= r; s++) {
            for (int t = 0; t < 2; t++) {
                for (int j = 0; j < k; j++) {
                    ids[s][t][j] = 100 * s + 10 * t + j;
                    probs[s][t][j] = (0.9f - 0.1f * s) / (j + 1);
                }
            }
        }
        Path f = TestTraces.write(dir.resolve("topk.npz"), Map.of("states", TestTraces.array(states(r)),
                "lens_topk_ids", Nd4j.createFromArray(ids), "lens_topk_probs", Nd4j.createFromArray(probs)), Map.of());
        TraceData d = TraceLoader.load(f);
        TraceLens lens = d.lensTopk();
        assertEquals(List.of(r + 1, 2, k), Arrays.stream(lens.ids().shape()).boxed().toList());
        assertTrue(lens.hasProbabilities());
        for (int s = 0; s <= r; s++) {
            for (int t = 0; t < 2; t++) {
                for (int j = 0; j < k; j++) {
                    assertEquals(ids[s][t][j], lens.id(s, t, j), "id at " + s + "," + t + "," + j);
                    assertEquals(probs[s][t][j], lens.probs().get(s, t, j), "probability at " + s + "," + t + "," + j);
                }
                assertEquals(ids[s][t][0], d.lensTop1(s, t), "top-1 is the first of the top-k");
            }
        }
        assertFalse(String.join("\n", d.notes()).contains("lens_topk"), d.notes().toString());
    }

    @Test
    void readsTheLogitLensBesideTheCodaLens(@TempDir Path dir) throws IOException {
        int r = 3, k = 2;
        int[][][] ids = new int[r + 1][2][k], logitIds = new int[r + 1][2][k];
        float[][][] probs = new float[r + 1][2][k];
        float[][] entropy = new float[r + 1][2], kl = new float[r + 1][2];
        for (int s = 0; s <= r; s++) {
            for (int t = 0; t < 2; t++) {
                for (int j = 0; j < k; j++) {
                    ids[s][t][j] = j;
                    logitIds[s][t][j] = 50 + 10 * s + t + j;
                    probs[s][t][j] = 0.5f / (j + 1);
                }
                entropy[s][t] = s + 0.1f * t;
                kl[s][t] = 2 * s + t;
            }
        }
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> arrays = new java.util.HashMap<>(Map.of("states", TestTraces.array(states(r)),
                "lens_topk_ids", Nd4j.createFromArray(ids), "lens_topk_probs", Nd4j.createFromArray(probs),
                "logit_lens_topk_ids", Nd4j.createFromArray(logitIds), "logit_lens_topk_probs", Nd4j.createFromArray(probs),
                "logit_lens_entropy", Nd4j.createFromArray(entropy), "logit_lens_kl", Nd4j.createFromArray(kl)));
        TraceData d = TraceLoader.load(TestTraces.write(dir.resolve("two-lenses.npz"), arrays, Map.of()));
        LensTables logit = d.logitLens();
        assertEquals(71, logit.topk().id(2, 1, 0));
        assertEquals(0, d.codaLens().topk().id(2, 1, 0), "the coda lens keeps its own guesses");
        assertEquals(2.1, logit.entropy(2, 1), 1e-6);
        assertEquals(5, logit.kl(2, 1));
        assertFalse(d.codaLens().hasKl(), "this trace has no coda-lens KL");

        arrays.put("logit_lens_kl", Nd4j.createFromArray(new float[r][2]));
        TraceData broken = TraceLoader.load(TestTraces.write(dir.resolve("bad.npz"), arrays, Map.of()));
        assertEquals(null, broken.logitLens());
        assertTrue(String.join("\n", broken.notes()).contains("the logit lens (logit_lens_*) is ignored"), broken.notes().toString());
        assertEquals(null, TraceLoader.load(TestTraces.write(dir.resolve("none.npz"), Map.of("states", TestTraces.array(states(r))), Map.of())).logitLens());
    }

    @Test
    void lensIdsWithoutProbabilitiesStillServeTheTop1(@TempDir Path dir) throws IOException {
        int[][][] ids = new int[9][2][2];
        for (int s = 0; s <= 8; s++) ids[s][1][0] = s < 5 ? 7 : 9;
        Path f = TestTraces.write(dir.resolve("ids.npz"), Map.of("states", TestTraces.array(states(8)), "lens_topk_ids", Nd4j.createFromArray(ids),
                "lens_topk_probs", Nd4j.createFromArray(new float[9][2][3])), Map.of());
        TraceData d = TraceLoader.load(f);
        assertFalse(d.lensTopk().hasProbabilities());
        assertEquals(9, d.lensTop1(6, 1));
        assertTrue(d.notes().contains("lens_topk_probs ignored: expected float [9, 2, 2], got FLOAT [9, 2, 3]; the lens figures have no probabilities to draw"),
                d.notes().toString());
        TraceReport report = TraceAnalysis.analyze(d, AnalysisOptions.defaults());
        assertTrue(report.exitSteps().get(ExitCriterion.ARGMAX_STABILITY).available());
    }

    @Test
    void aLensTopKOfAnotherSizeIsRejectedByTheBuilder() {
        TraceLens threeSteps = new TraceLens(new IntTensor(new int[] {3, 2, 1}, new int[6]), new FloatTensor(new int[] {3, 2, 1}, new float[6]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestTraces.builder("x", states(4)).lensTopk(threeSteps).build());
        assertEquals("x: the lens top-k covers 3 steps × 2 tokens, states 5 × 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TraceLens(new IntTensor(new int[] {5, 2, 2}, new int[20]), new FloatTensor(new int[] {5, 2, 1}, new float[10])));
        assertEquals("lens top-k probabilities have shape [5, 2, 1], their ids [5, 2, 2]", e.getMessage());
    }

    @Test
    void acceptsTheNotebookLayoutAndFloat64(@TempDir Path dir) throws IOException {
        double[][][] s = states(10);
        double[][][][] four = new double[s.length][1][][];
        for (int i = 0; i < s.length; i++) four[i][0] = s[i];
        Path f = TestTraces.write(dir.resolve("notebook.npz"), Map.of("states", Nd4j.createFromArray(four)), Map.of());
        TraceData d = TraceLoader.load(f);
        assertEquals(10, d.iterations());
        assertEquals(2, d.tokens());
        assertEquals(3, d.hidden());
        assertEquals(0.3f * 7, (float) d.state(7, 1, StateSpace.RAW)[0], 1e-6);
    }

    @Test
    void normalizedSpaceAppliesLnF(@TempDir Path dir) throws IOException {
        Path f = TestTraces.write(dir.resolve("t.npz"), Map.of("states", TestTraces.array(states(4)),
                "ln_f_weight", Nd4j.createFromArray(new float[] {2, 1, 1})), Map.of("meta.json", "{\"norm_eps\": 0.0, \"model\": \"m\", \"init\": \"zeros\", \"iterations\": 4}"));
        TraceData d = TraceLoader.load(f);
        assertEquals(StateSpace.NORMALIZED, d.defaultSpace());
        double[] x = d.state(4, 1, StateSpace.NORMALIZED); // raw (1.2, 1, 1): rms = sqrt((1.44+1+1)/3)
        double rms = Math.sqrt((1.44 + 1 + 1) / 3);
        assertEquals(2 * 1.2 / rms, x[0], 1e-5);
        assertEquals(1 / rms, x[1], 1e-5);
    }

    @Test
    void rejectsAFileThatIsNotAnNpz(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("notes.npz"), "just text");
        IOException e = assertThrows(IOException.class, () -> TraceLoader.load(f));
        assertTrue(e.getMessage().contains("is not an NPZ file"), e.getMessage());
    }

    @Test
    void rejectsAnNpzWithoutStates(@TempDir Path dir) throws IOException {
        Path f = TestTraces.write(dir.resolve("x.npz"), Map.of("logits", Nd4j.createFromArray(new float[][] {{1, 2}})), Map.of());
        IOException e = assertThrows(IOException.class, () -> TraceLoader.load(f));
        assertTrue(e.getMessage().contains("has no 'states' array (found: logits)"), e.getMessage());
    }

    @Test
    void rejectsStatesOfTheWrongRank(@TempDir Path dir) throws IOException {
        Path f = TestTraces.write(dir.resolve("x.npz"), Map.of("states", Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}})), Map.of());
        IOException e = assertThrows(IOException.class, () -> TraceLoader.load(f));
        assertTrue(e.getMessage().contains("'states' must have shape [R+1, S, H] or [R+1, 1, S, H], got [2, 2] (rank 2)"), e.getMessage());
    }

    @Test
    void nanStatesAreReportedAndTheRestAnalysed(@TempDir Path dir) throws IOException {
        double[][][] s = states(16);
        for (int i = 9; i <= 16; i++) s[i][1][2] = Double.NaN;
        TraceData d = TraceLoader.load(TestTraces.write(dir.resolve("nan.npz"), Map.of("states", TestTraces.array(s)), Map.of()));
        assertEquals(List.of(new NonFiniteStates(1, List.of(9, 10, 11, 12, 13, 14, 15, 16))), d.nonFinite());
        TraceReport r = TraceAnalysis.analyze(d, AnalysisOptions.defaults());
        assertTrue(r.notes().contains("token 1 (#1) has NaN/Inf states at steps 9–16; those states are left out"), r.notes().toString());
        assertEquals(Motif.FIXED_POINT, r.motifs().get(0).motif(), "the finite token is still analysed");
        assertEquals(Motif.SLIDER, r.motifs().get(1).motif(), r.motifs().get(1).describe());
        assertTrue(r.motifs().get(1).note().contains("states are NaN/Inf from step 9; classified on steps 0–8"), r.motifs().get(1).note());
        assertEquals(2 * 17 - 8, r.pca().fittedStates(), "PCA leaves out the 8 NaN states");
        assertTrue(Double.isNaN(r.pca().projection(1, 12)[0]));
    }

    @Test
    void zeroIterationsSaysThereIsNothingToClassify(@TempDir Path dir) throws IOException {
        TraceData d = TraceLoader.load(TestTraces.write(dir.resolve("r0.npz"), Map.of("states", TestTraces.array(states(0))), Map.of()));
        TraceReport r = TraceAnalysis.analyze(d, AnalysisOptions.defaults());
        assertTrue(r.notes().contains("R = 0: only s0 was recorded, nothing to classify or exit from"), r.notes().toString());
        assertEquals("other: nothing to classify: R = 0, only s0 was recorded", r.motifs().getFirst().describe());
        assertEquals("R = 0: no iterations, nothing to exit from", r.exitSteps().get(ExitCriterion.LATENT_DIFF).unavailable());
        assertTrue(r.pca() != null, "two tokens' s0 still give a PCA");
    }

    @Test
    void singleTokenAndScalarStatesWork(@TempDir Path dir) throws IOException {
        double[][][] s = new double[21][1][1];
        for (int i = 0; i <= 20; i++) s[i][0][0] = 3 + Math.pow(0.6, i);
        TraceData d = TraceLoader.load(TestTraces.write(dir.resolve("h1.npz"), Map.of("states", TestTraces.array(s)), Map.of()));
        TraceReport r = TraceAnalysis.analyze(d, AnalysisOptions.defaults());
        assertTrue(r.notes().contains("a single token: distributions over tokens have one entry"), r.notes().toString());
        assertTrue(r.notes().contains("H = 1: states are scalars; orbits can only be period-2 flips and PCA has one component"), r.notes().toString());
        assertEquals(Motif.FIXED_POINT, r.motifs().getFirst().motif(), r.motifs().getFirst().describe());
        assertEquals(1, r.pca().components());
        assertEquals(1.0, r.pca().explainedVarianceRatio()[0], 1e-6);
    }

    @Test
    void normalizedSpaceWithoutLnFIsAClearError(@TempDir Path dir) throws IOException {
        TraceData d = TraceLoader.load(TestTraces.write(dir.resolve("raw.npz"), Map.of("states", TestTraces.array(states(8))), Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TraceAnalysis.analyze(d, AnalysisOptions.defaults().withSpace(StateSpace.NORMALIZED)));
        assertEquals("raw.npz has no ln_f_weight, so states cannot be normalized; use --space raw", e.getMessage());
    }
}
