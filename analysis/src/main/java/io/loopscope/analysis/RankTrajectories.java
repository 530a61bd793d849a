package io.loopscope.analysis;

import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.Trace;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where chosen tokens rank (1 = the lens's top guess) at every step, read per position, lens and
 * layer from a trace's {@link Trace.Ranks}. Layer {@link #BLOCK_OUTPUT} is the state after each
 * iteration (steps 0..R); layer j ≥ 1 is the output of loop layer j, which exists from step 1 on —
 * there is no such state before the first iteration, so step 0 reads NaN there, never a rank.
 */
public final class RankTrajectories {
    /** The lens a rank is taken under: the model's decode (coda lens) or the head alone (logit lens). */
    public enum Lens { CODA, LOGIT }

    /** The layer index of the block output: the states themselves. */
    public static final int BLOCK_OUTPUT = 0;

    private final long[] ids;
    private final IntTensor coda, logit, layerCoda, layerLogit;
    private final int steps, tokens, layers;

    private RankTrajectories(Trace.Ranks ranks) {
        this.ids = ranks.ids();
        this.coda = ranks.coda();
        this.logit = ranks.logit();
        this.layerCoda = ranks.layerCoda();
        this.layerLogit = ranks.layerLogit();
        int[] shape = coda.shape();
        this.steps = shape[0];
        this.tokens = shape[1];
        this.layers = layerCoda == null ? 0 : layerCoda.shape()[1];
    }

    /** The trace's ranks (their shapes were checked against each other when the trace was made). */
    public static RankTrajectories of(Trace.Ranks ranks) {
        return new RankTrajectories(Objects.requireNonNull(ranks, "ranks"));
    }

    /** The ranked token ids, in their order. */
    public long[] ids() {
        return ids.clone();
    }

    /** Whether every one of these ids was ranked. */
    public boolean covers(long[] wanted) {
        for (long id : wanted) if (indexOf(id) < 0) return false;
        return true;
    }

    /** Whether ranks under this lens were recorded (a family whose lens is its head has no separate logit lens). */
    public boolean has(Lens lens) {
        return lens == Lens.CODA || logit != null;
    }

    /** The loop layers ranked (0: only the block output). */
    public int layers() {
        return layers;
    }

    /** R + 1. */
    public int steps() {
        return steps;
    }

    public int tokens() {
        return tokens;
    }

    /**
     * The rank of id at position token under lens after every step 0..R, at layer (BLOCK_OUTPUT or
     * 1..{@link #layers()}); NaN at step 0 of a loop layer.
     */
    public double[] series(Lens lens, int layer, int token, long id) {
        int k = indexOf(id);
        if (k < 0) throw new IllegalArgumentException("token id " + id + " was not ranked; ranked: " + Arrays.toString(ids));
        if (!has(lens)) throw new IllegalArgumentException("this trace has no " + lens.name().toLowerCase() + " lens ranks");
        Objects.checkIndex(token, tokens);
        if (layer < 0 || layer > layers) {
            throw new IllegalArgumentException(layers == 0 ? "this trace has no layer ranks: it was recorded without layer states"
                    : "layer " + layer + " is outside the loop's " + layers + " layers");
        }
        double[] out = new double[steps];
        if (layer == BLOCK_OUTPUT) {
            IntTensor t = lens == Lens.CODA ? coda : logit;
            for (int s = 0; s < steps; s++) out[s] = t.get(s, token, k);
        } else {
            IntTensor t = lens == Lens.CODA ? layerCoda : layerLogit;
            out[0] = Double.NaN;
            for (int s = 1; s < steps; s++) out[s] = t.get(s - 1, layer - 1, token, k);
        }
        return out;
    }

    private int indexOf(long id) {
        for (int k = 0; k < ids.length; k++) if (ids[k] == id) return k;
        return -1;
    }
}
