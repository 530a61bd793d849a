package io.loopscope.inference.train;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnLayout;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * The differentiated part of one training step: the last {@code depth} loop iterations, the head
 * and the loss on the supervised positions.
 * <pre>
 *   e   = prelude(embed(ids))                      (gets gradient through the last iterations)
 *   s   = StopGradient(s_start)                    s_start = s_{r−depth}, computed without gradient
 *   s   ← step(s, e, slot w)                       w = 0..depth−1 is loop step r − depth + 1 + w
 *   loss = −Σ log softmax(decodeAt(s, select))[label] / number of supervised positions
 * </pre>
 * The iterations before the last depth are run by {@link ForwardGraph} — exactly Huginn's truncated
 * backpropagation, where those iterations run under no_grad. One graph per (S, depth) is cached by
 * the trainer; depth < k only when the sampled r itself is below k. P is the
 * number of supervised positions per row ({@link Batch}).
 */
final class TrainGraph {
    private final SameDiff sd = SameDiff.create();
    private final List<String> paramNames;
    private final SdHuginn model;
    private final int depth;

    TrainGraph(HuginnConfig config, Map<String, INDArray> params, int batch, int seqLen, int depth, int positions) {
        this.paramNames = List.copyOf(HuginnLayout.required(config).keySet());
        this.depth = depth;
        this.model = new SdHuginn(sd, config, params, batch, seqLen, depth);
        long n = (long) batch * seqLen;
        SDVariable ids = sd.placeHolder("ids", DataType.INT, batch, seqLen);                 // [B, S]
        SDVariable start = sd.placeHolder("s_start", DataType.FLOAT, n, config.hidden());    // [N, H]
        SDVariable select = sd.placeHolder("select", DataType.FLOAT, batch, positions, seqLen);          // [B, P, S]
        SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, (long) batch * positions, config.vocab()); // [B·P, V] one-hot or 0

        SDVariable e = model.embed(ids);
        SDVariable s = new StopGradient(sd, start).outputVariable();
        for (int w = 0; w < depth; w++) s = model.step(s, e, w);
        SDVariable logits = sd.identity("logits", model.decodeAt(s, select, positions));   // [B·P, V]
        SDVariable logProbs = sd.nn.logSoftmax(logits);
        // unused slots have zero labels: they add nothing to the sum nor to the count
        SDVariable loss = sd.identity("loss", logProbs.mul(labels).sum().div(labels.sum()).neg());
        sd.setLossVariables(loss);
        createGradientQuietly();
    }

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    /**
     * SameDiff 1.0.0-M2.1 prints "Added differentiated op …" to System.out for every op of the
     * backward graph (thousands of lines per graph, no logger to turn off), which buried the training
     * log. The graph is built here, once, with standard output parked; the lock keeps two shards'
     * threads from swapping it at the same time.
     */
    private void createGradientQuietly() {
        synchronized (DISCARD) {
            PrintStream out = System.out;
            System.setOut(DISCARD);
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    SameDiff sd() {
        return sd;
    }

    /**
     * Runs forward and backward over loop steps r − depth + 1 .. r from start = s_{r−depth}, for a loop
     * that began at s0; returns the loss, the logits [B·P, V] and a gradient per parameter.
     */
    OutAndGrad run(INDArray ids, INDArray start, INDArray s0, int r, INDArray select, INDArray labels) {
        Map<String, INDArray> placeholders = new java.util.HashMap<>(model.feeds(r - depth + 1, s0));
        placeholders.putAll(Map.of("ids", ids, "s_start", start, "select", select, "labels", labels));
        OutAndGrad result = sd.calculateGradientsAndOutputs(placeholders, List.of("loss", "logits"), paramNames);
        SessionMemory.bound(sd);
        return result;
    }
}
