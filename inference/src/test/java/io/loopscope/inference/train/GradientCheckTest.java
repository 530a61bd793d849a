package io.loopscope.inference.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.RandomWeights;
import io.loopscope.inference.tasks.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff's backward pass against central finite differences of its own (engine-equal) forward:
 * for every parameter tensor, the derivative of the loss along the gradient and along a random
 * direction. A wrong op gradient (attention, RoPE, norms, the adapter, StopGradient leaking) would
 * train a model that never learns what that op should do, while the forward parity still holds.
 */
class GradientCheckTest {
    private static final double EPS = 2e-3;

    @Test
    void everyParameterGradientMatchesFiniteDifferences() {
        HuginnConfig config = new HuginnConfig(16, 2, 2, 24, CharVocab.standard().size(), 1, 2, 1, 1e-6, 50000, 24, true, true, 2);
        Map<String, INDArray> params = SdHuginnParityTest.params(config, RandomWeights.create(config, 3));
        check(config, params, 2, params.keySet());
    }

    /**
     * With every stabiliser (T = 3) and the window at steps 4 and 5 of r = 5: τ row 3 and the deltas of
     * iteration 3 (the last, reused) get their gradients, rows and deltas 1 and 2 exactly none — and
     * finite differences agree on both. (The block weights are checked above; here only the
     * stabilisers' and the adapter's, which τ feeds.)
     */
    @Test
    void theStabilisersGradientsMatchFiniteDifferencesInsideTheWindowAndAreZeroOutside() {
        HuginnConfig config = new HuginnConfig(16, 2, 2, 24, CharVocab.standard().size(), 1, 1, 1, 1e-6, 50000, 24, true, true, 2)
                .withSlr(io.loopscope.inference.testing.SlrModels.VARIANTS.getLast());
        Map<String, INDArray> params = SdHuginnParityTest.params(config, io.loopscope.inference.testing.SlrModels.weights(config, 3));
        java.util.Set<String> checked = new java.util.TreeSet<>(params.keySet());
        checked.retainAll(io.loopscope.inference.checkpoint.HuginnLayout.required(config).keySet());
        checked.removeAll(io.loopscope.inference.checkpoint.HuginnLayout.required(config.withSlr(
                io.loopscope.inference.checkpoint.SlrConfig.NONE)).keySet());
        checked.add(io.loopscope.inference.checkpoint.HuginnLayout.ADAPTER);
        Map<String, INDArray> grads = check(config, params, 5, checked);
        for (String name : params.keySet()) {
            double g = grads.get(name).amaxNumber().doubleValue();
            if (name.matches(".*\\.lora_[AB]\\.[12]")) assertTrue(g == 0, name + " is outside the window, yet has gradient " + g);
            else assertTrue(g > 0, name + " has no gradient");
        }
        INDArray tau = grads.get(io.loopscope.inference.checkpoint.SlrLayout.TIMESTEP);
        assertTrue(tau.getRow(0).amaxNumber().doubleValue() == 0 && tau.getRow(1).amaxNumber().doubleValue() == 0
                && tau.getRow(2).amaxNumber().doubleValue() > 0, "only τ row 3 (steps 4 and 5, past T) is used: " + tau);
    }

    /** Checks the named parameters' gradients of a window of 2 ending at step r; returns every gradient. */
    private static Map<String, INDArray> check(HuginnConfig config, Map<String, INDArray> params, int r, java.util.Set<String> names) {
        CharVocab vocab = CharVocab.standard();
        int seqLen = 24;
        Batch batch = Batch.of(List.of(new Example("hops", 2, "f>b a>c c>f a>>", 'f'), new Example("add", 2, "47+85=", "132")), vocab, seqLen);
        INDArray s0 = Trainer.likeInit(new SplittableRandom(9), 2 * seqLen, config.hidden());
        INDArray start = r == 2 ? s0 : Trainer.likeInit(new SplittableRandom(10), 2 * seqLen, config.hidden()); // s_{r−2}: any state will do
        TrainGraph graph = new TrainGraph(config, params, 2, seqLen, 2, batch.positions());
        Map<String, INDArray> grads = graph.run(batch.ids(), start, s0, r, batch.select(), batch.labels()).getGradients();

        SplittableRandom rng = new SplittableRandom(1);
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            INDArray g = grads.get(name).castTo(DataType.DOUBLE);
            double norm = g.norm2Number().doubleValue();
            INDArray random = Nd4j.randn(rng.nextLong(), g.shape()).castTo(DataType.DOUBLE);
            random.divi(random.norm2Number());
            List<INDArray> directions = norm > 0 ? List.of(g.div(norm), random) : List.of(random);
            for (INDArray v : directions) {
                double analytic = g.mul(v).sumNumber().doubleValue();
                double numeric = directional(graph, batch, start, s0, r, params.get(name), v);
                double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
                if (Math.abs(analytic - numeric) > 0.03 * scale + 2e-3) {
                    failures.add(String.format("%s: analytic %.5f numeric %.5f", name, analytic, numeric));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        return grads;
    }

    /** (L(p + εv) − L(p − εv)) / 2ε, perturbing the graph's own parameter array in place. */
    private static double directional(TrainGraph graph, Batch batch, INDArray start, INDArray s0, int r, INDArray param, INDArray v) {
        INDArray step = v.mul(EPS).castTo(param.dataType()).reshape(param.shape());
        param.addi(step);
        double plus = loss(graph, batch, start, s0, r);
        param.subi(step.mul(2));
        double minus = loss(graph, batch, start, s0, r);
        param.addi(step);
        return (plus - minus) / (2 * EPS);
    }

    private static double loss(TrainGraph graph, Batch batch, INDArray start, INDArray s0, int r) {
        return graph.run(batch.ids(), start, s0, r, batch.select(), batch.labels()).getOutputs().get("loss").getDouble(0);
    }
}
