package io.loopscope.inference.train;

import io.loopscope.inference.checkpoint.HuginnConfig;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SameDiff forward, one piece per call (embed, step, decode), for batches of B rows of S tokens.
 * The trainer runs the iterations that get no gradient with it; the parity test runs whole forwards.
 */
public final class ForwardGraph {
    private final SameDiff sd = SameDiff.create();
    private final SdHuginn model;

    /** params are used in place: updating them (e.g. by the optimizer) updates this graph. */
    public ForwardGraph(HuginnConfig config, Map<String, INDArray> params, int batch, int seqLen) {
        this.model = new SdHuginn(sd, config, params, batch, seqLen, 1);
        int h = config.hidden();
        long n = (long) batch * seqLen;
        SDVariable ids = sd.placeHolder("ids", DataType.INT, batch, seqLen);          // [B, S]
        SDVariable state = sd.placeHolder("s_in", DataType.FLOAT, n, h);              // [N, H]
        SDVariable input = sd.placeHolder("e_in", DataType.FLOAT, n, h);              // [N, H]
        SDVariable select = sd.placeHolder("select", DataType.FLOAT, batch, seqLen);  // [B, S]
        sd.identity("e", model.embed(ids));
        sd.identity("next", model.step(state, input, 0));
        sd.identity("logits", model.decode(state));
        sd.identity("logits_at", model.decodeAt(state, select));
    }

    public int seqLen() {
        return model.seqLen();
    }

    public int batch() {
        return model.batch();
    }

    /** ids [B, S] int → e [B·S, H]. */
    public INDArray embed(INDArray ids) {
        return run(Map.of("ids", ids), "e");
    }

    /** Loop step {@code step} (1-based): s, e and the loop's start s0 [B·S, H] → the next state [B·S, H]. */
    public INDArray step(INDArray s, INDArray e, INDArray s0, int step) {
        Map<String, INDArray> placeholders = new java.util.HashMap<>(model.feeds(step, s0));
        placeholders.put("s_in", s);
        placeholders.put("e_in", e);
        return run(placeholders, "next");
    }

    /** s [B·S, H] → logits at every position [B·S, V]. */
    public INDArray decode(INDArray s) {
        return run(Map.of("s_in", s), "logits");
    }

    /** s [B·S, H], select [B, S] one-hot → logits [B, V] at the selected positions. */
    public INDArray decodeAt(INDArray s, INDArray select) {
        return run(Map.of("s_in", s, "select", select), "logits_at");
    }

    private INDArray run(Map<String, INDArray> placeholders, String output) {
        INDArray result = sd.output(placeholders, List.of(output)).get(output);
        SessionMemory.bound(sd);
        return result;
    }
}
