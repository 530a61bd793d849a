package io.loopscope.analysis;

import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.IntTensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The logit lens's top-k guesses of a trace, as recorded: kept whole so that figures can draw each
 * guess's probability over the steps, not only the exit criteria's top-1.
 *
 * @param ids   [R+1, S, K] top-k token ids per step and token, best first
 * @param probs [R+1, S, K] their probabilities, or null when the source recorded only the ids
 */
public record TraceLens(IntTensor ids, FloatTensor probs) {

    public TraceLens {
        Objects.requireNonNull(ids, "ids");
        int[] shape = ids.shape();
        if (shape.length != 3 || shape[2] < 1) {
            throw new IllegalArgumentException("lens top-k ids must be [R+1, S, K] with K >= 1, got " + Arrays.toString(shape));
        }
        if (probs != null && !Arrays.equals(probs.shape(), shape)) {
            throw new IllegalArgumentException("lens top-k probabilities have shape " + Arrays.toString(probs.shape())
                    + ", their ids " + Arrays.toString(shape));
        }
    }

    /** Top-1 ids only (K = 1, no probabilities): what the argmax-stability criterion needs. */
    public static TraceLens top1(int steps, int tokens, int[] ids) {
        return new TraceLens(new IntTensor(new int[] {steps, tokens, 1}, ids), null);
    }

    public int steps() {
        return ids.shape()[0];
    }

    public int tokens() {
        return ids.shape()[1];
    }

    public boolean hasProbabilities() {
        return probs != null;
    }

    /** The j-th best guess (0: the lens's argmax) of a token at a step. */
    public int id(int step, int token, int j) {
        return ids.get(step, token, j);
    }
}
