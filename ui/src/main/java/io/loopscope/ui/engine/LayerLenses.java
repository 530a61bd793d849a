package io.loopscope.ui.engine;

import io.loopscope.inference.trace.LensRecord;
import io.loopscope.inference.trace.RecordedLens;

/**
 * Both lenses of one core layer of a run that recorded its layers, read again by the model from
 * layer_states ({@link RecordedLens#layerLens}): what the Lens view shows when a layer is chosen.
 *
 * @param layer the loop layer, 0-based as in layer_states
 * @param coda  its coda lens at steps 0..R (step 0: s_0, as the block output's)
 * @param logit its logit lens, {@link RunLens#NONE} when the family has none apart
 */
public record LayerLenses(int layer, RunLens coda, RunLens logit) {

    static LayerLenses of(int layer, RecordedLens.Lenses l) {
        return new LayerLenses(layer, new Recorded(l.coda()), l.logit() == null ? RunLens.NONE : new Recorded(l.logit()));
    }

    public RunLens lens(LensKind kind) {
        return kind == LensKind.CODA ? coda : logit;
    }

    /** A lens kept as a trace keeps its own; a layer is read for a prompt pass only, so every step ran. */
    private record Recorded(LensRecord r) implements RunLens {
        @Override public int topK() { return r.topkIds().shape()[2]; }
        @Override public boolean hasProbabilities() { return true; }
        @Override public double kl(int step, int token) { return r.kl().get(step, token); }
        @Override public double entropy(int step, int token) { return r.entropy().get(step, token); }
        @Override public long topId(int step, int token, int rank) { return r.topkIds().get(step, token, rank); }
        @Override public double topProbability(int step, int token, int rank) { return r.topkProbs().get(step, token, rank); }
    }
}
