package io.loopscope.inference.train;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.tasks.Example;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One share of a training step's batch: its rows run the no-gradient prefix and the differentiated
 * last iterations in graphs of its own (SameDiff graphs are not shared between threads), so the
 * shares of a step can run on different cores. The parameters are the trainer's, used in place.
 */
final class TrainShard {
    private final HuginnConfig config;
    private final Map<String, INDArray> params;
    private final int rows;
    private final Map<List<Integer>, TrainGraph> trainGraphs = new HashMap<>(); // (S, depth, P) →
    private final Map<Integer, ForwardGraph> forwardGraphs = new HashMap<>();   // S →

    TrainShard(HuginnConfig config, Map<String, INDArray> params, int rows) {
        this.config = config;
        this.params = params;
        this.rows = rows;
    }

    /**
     * The loss summed (not averaged) over the share's supervised positions, its gradients likewise,
     * how many positions were supervised, and how many rows were answered right.
     */
    record Result(double lossSum, Map<String, INDArray> gradientSums, int supervised, int rightRows) {
    }

    /**
     * @param s0 [rows·S, H] the share's initial states
     * @param r  iterations in all; the first r − k run without gradient (Huginn's no_grad prefix)
     */
    Result run(List<Example> examples, CharVocab vocab, int seqLen, INDArray s0, int r, int k) {
        if (examples.size() != rows) throw new IllegalArgumentException("a shard of " + rows + " rows got " + examples.size() + " examples");
        Batch batch = Batch.of(examples, vocab, seqLen);
        INDArray state = s0;
        if (r > k) {
            ForwardGraph forward = forwardGraphs.computeIfAbsent(seqLen, s -> new ForwardGraph(config, params, rows, s));
            INDArray e = forward.embed(batch.ids());
            for (int i = 1; i <= r - k; i++) state = forward.step(state, e, s0, i);
        }
        int depth = Math.min(r, k);
        TrainGraph graph = trainGraphs.computeIfAbsent(List.of(seqLen, depth, batch.positions()),
                key -> new TrainGraph(config, params, rows, seqLen, depth, batch.positions()));
        OutAndGrad result = graph.run(batch.ids(), state, s0, r, batch.select(), batch.labels());
        int supervised = batch.labels().sumNumber().intValue();
        double loss = result.getOutputs().get("loss").getDouble(0) * supervised;
        int right = (int) Math.round(batch.accuracy(result.getOutputs().get("logits")) * rows);
        Map<String, INDArray> grads = result.getGradients();
        grads.values().forEach(g -> g.muli(supervised));
        result.getOutputs().values().forEach(INDArray::close);
        return new Result(loss, grads, supervised, right);
    }
}
