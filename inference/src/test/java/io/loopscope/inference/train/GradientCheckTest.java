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
        CharVocab vocab = CharVocab.standard();
        HuginnConfig config = new HuginnConfig(16, 2, 2, 24, vocab.size(), 1, 2, 1, 1e-6, 50000, 24, true, true, 2);
        Map<String, INDArray> params = SdHuginnParityTest.params(config, RandomWeights.create(config, 3));
        int seqLen = 24;
        Batch batch = Batch.of(List.of(new Example("hops", 2, "f>b a>c c>f a>>", 'f'), new Example("add", 2, "47+85=", "132")), vocab, seqLen);
        INDArray s0 = Trainer.likeInit(new SplittableRandom(9), 2 * seqLen, config.hidden());
        TrainGraph graph = new TrainGraph(config, params, 2, seqLen, 2, batch.positions());
        Map<String, INDArray> grads = graph.run(batch.ids(), s0, batch.select(), batch.labels()).getGradients();

        SplittableRandom rng = new SplittableRandom(1);
        List<String> failures = new ArrayList<>();
        for (String name : params.keySet()) {
            INDArray g = grads.get(name).castTo(DataType.DOUBLE);
            double norm = g.norm2Number().doubleValue();
            INDArray random = Nd4j.randn(rng.nextLong(), g.shape()).castTo(DataType.DOUBLE);
            random.divi(random.norm2Number());
            List<INDArray> directions = norm > 0 ? List.of(g.div(norm), random) : List.of(random);
            for (INDArray v : directions) {
                double analytic = g.mul(v).sumNumber().doubleValue();
                double numeric = directional(graph, batch, s0, params.get(name), v);
                double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
                if (Math.abs(analytic - numeric) > 0.03 * scale + 2e-3) {
                    failures.add(String.format("%s: analytic %.5f numeric %.5f", name, analytic, numeric));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** (L(p + εv) − L(p − εv)) / 2ε, perturbing the graph's own parameter array in place. */
    private static double directional(TrainGraph graph, Batch batch, INDArray s0, INDArray param, INDArray v) {
        INDArray step = v.mul(EPS).castTo(param.dataType()).reshape(param.shape());
        param.addi(step);
        double plus = loss(graph, batch, s0);
        param.subi(step.mul(2));
        double minus = loss(graph, batch, s0);
        param.addi(step);
        return (plus - minus) / (2 * EPS);
    }

    private static double loss(TrainGraph graph, Batch batch, INDArray s0) {
        return graph.run(batch.ids(), s0, batch.select(), batch.labels()).getOutputs().get("loss").getDouble(0);
    }
}
