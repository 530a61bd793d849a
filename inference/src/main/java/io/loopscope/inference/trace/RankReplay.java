package io.loopscope.inference.trace;

import io.loopscope.inference.model.LoopedModel;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Rank trajectories of tokens chosen after a run: the model reads the recorded states again through
 * both lenses, step by step (and layer by layer when the trace has layer states), and
 * {@link RankRecorder} ranks the chosen ids exactly as a run that asked for them would have. A
 * workbench run keeps no full lens (Huginn's is [R+1, S, 65536]), so this is how a token typed in
 * afterwards gets its ranks.
 *
 * <p>Only a prompt pass can be read again: it decoded each step over the whole sequence at that
 * step, as this does. A generation decoded every fed-back token against the cache of the ones
 * before it, which the trace does not hold.
 */
public final class RankReplay {
    private RankReplay() {
    }

    /**
     * The ranks of ids under the model's lenses at every recorded step of trace, and with layers at
     * every loop layer too; cancelled is polled once per step.
     *
     * @throws IllegalArgumentException for a generation, for layers of a trace without layer states,
     *                                  for ids outside the vocabulary or a trace of another width
     */
    public static Trace.Ranks of(LoopedModel model, Trace trace, long[] ids, boolean layers, BooleanSupplier cancelled) {
        if (trace.generation() != null) {
            throw new IllegalArgumentException("rank trajectories are read again from a prompt pass; a generation decoded each new token"
                    + " against its cache, which the trace does not keep: run its text as a Run to read them");
        }
        RecordedLens.requireReadable(model, trace, layers);
        if (ids.length == 0) throw new IllegalArgumentException("no tokens to rank");
        if (java.util.Arrays.stream(ids).distinct().count() != ids.length) {
            throw new IllegalArgumentException("a rank token is listed twice: " + java.util.Arrays.toString(ids));
        }
        int steps = trace.iterations() + 1;
        int loopLayers = layers ? trace.layerStates().dim(1) : 0;
        RankRecorder ranks = new RankRecorder(ids, steps, trace.tokenCount(), model.vocab(), loopLayers);
        for (int step = 0; step < steps; step++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled at iteration " + step + " of " + trace.iterations());
            read(model, ranks, trace, step, loopLayers);
        }
        return ranks.toRanks(steps, layers);
    }

    /** Step's state through both lenses, then each of its loop layers' outputs (a step 0 has none). */
    private static void read(LoopedModel model, RankRecorder ranks, Trace trace, int step, int loopLayers) {
        RecordedLens.Logits s = RecordedLens.read(model, RecordedLens.state(trace, step));
        ranks.codaLens(step, s.coda());
        if (s.logit() != null) ranks.logitLens(step, s.logit());
        for (int layer = 0; step > 0 && layer < loopLayers; layer++) {
            RecordedLens.Logits h = RecordedLens.read(model, RecordedLens.layerState(trace, step, layer));
            ranks.layerCodaLens(step, layer, h.coda());
            if (h.logit() != null) ranks.layerLogitLens(step, layer, h.logit());
        }
    }
}
