package io.loopscope.analysis;

import io.loopscope.inference.trace.FloatTensor;
import io.loopscope.inference.trace.IntTensor;

/**
 * A generated position that stopped thinking at step k keeps s_k from then on: that is the state
 * the model decoded and later tokens attended to. Recorded traces leave those steps empty (zero
 * states, NaN lens); analyses read every token over R+1 steps, so they see the held state, a lens
 * that no longer changes (KL 0) and the same top-k. {@link TraceData#ranSteps} says where it stopped.
 */
final class ExitHold {
    private ExitHold() {
    }

    /** [R+1, S, width] with every row past a token's step replaced by its row at that step (a copy). */
    static float[] held(float[] a, int steps, int tokens, int width, int[] ran) {
        float[] out = a.clone();
        for (int t = 0; t < tokens; t++) {
            for (int i = ran[t] + 1; i < steps; i++) System.arraycopy(a, (ran[t] * tokens + t) * width, out, (i * tokens + t) * width, width);
        }
        return out;
    }

    /** [R+1, S] with every value past a token's step set to 0: nothing moves after the exit. */
    static float[] still(float[] a, int steps, int tokens, int[] ran) {
        float[] out = a.clone();
        for (int t = 0; t < tokens; t++) for (int i = ran[t] + 1; i < steps; i++) out[i * tokens + t] = 0;
        return out;
    }

    static TraceLens held(TraceLens lens, int[] ran) {
        int[] shape = lens.ids().shape();
        int[] ids = lens.ids().data().clone();
        for (int t = 0; t < shape[1]; t++) {
            for (int i = ran[t] + 1; i < shape[0]; i++) {
                System.arraycopy(lens.ids().data(), (ran[t] * shape[1] + t) * shape[2], ids, (i * shape[1] + t) * shape[2], shape[2]);
            }
        }
        FloatTensor probs = lens.probs() == null ? null
                : new FloatTensor(shape, held(lens.probs().data(), shape[0], shape[1], shape[2], ran));
        return new TraceLens(new IntTensor(shape, ids), probs);
    }
}
