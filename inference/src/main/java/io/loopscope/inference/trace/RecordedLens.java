package io.loopscope.inference.trace;

import io.loopscope.inference.model.LoopedModel;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one way a recorded state is read again through the model's lenses after a run: the block output
 * at a step or a loop layer's output (from layer_states), decoded by the model's own lens and its logit
 * lens exactly as the recorder decoded them during the run. {@link RankReplay} ranks tokens with it; a
 * loop layer's lens table ({@link #layerLens}) is the same decode kept as the trace keeps its lens.
 */
public final class RecordedLens {
    private RecordedLens() {
    }

    /** The coda lens's logits [S·V] of one state, and the logit lens's when the family has one distinct from it. */
    public record Logits(float[] coda, float[] logit) {
    }

    /** A loop layer's two lenses at steps 0..R, as a trace stores its own; logit is null when the family has none apart. */
    public record Lenses(LensRecord coda, LensRecord logit) {
    }

    /** The block output s_step [S, H] (step 0: s_0). */
    static INDArray state(Trace trace, int step) {
        int tokens = trace.tokenCount(), hidden = trace.hidden();
        return slice(trace.states().data(), step * tokens * hidden, tokens, hidden);
    }

    /** Loop layer (0-based)'s output [S, H] at step 1..R, from layer_states [R, C, S, H]. */
    static INDArray layerState(Trace trace, int step, int layer) {
        int tokens = trace.tokenCount(), hidden = trace.hidden(), layers = trace.layerStates().dim(1);
        return slice(trace.layerStates().data(), ((step - 1) * layers + layer) * tokens * hidden, tokens, hidden);
    }

    /** Both lenses of state [S, H]. */
    static Logits read(LoopedModel model, INDArray state) {
        Optional<INDArray> head = model.logitLens(state);
        return new Logits(floats(model.decode(state)), head.map(RecordedLens::floats).orElse(null));
    }

    /**
     * Both lenses of loop layer (0-based) at every step, with the top-k, entropy and KL the trace keeps of
     * its own lens: step 0 reads s_0 as the trace's lens does (no layer made it), step i ≥ 1 reads
     * layer_states[i−1, layer]. The last layer's is the trace's own lens. Cancelled is polled once per step.
     *
     * @throws IllegalArgumentException for a trace without layer states, a layer outside them, a generation
     *                                  (decoded against a cache the trace does not keep), or another width
     */
    public static Lenses layerLens(LoopedModel model, Trace trace, int layer, int k, BooleanSupplier cancelled) {
        requireReadable(model, trace, true);
        int layers = trace.layerStates().dim(1);
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer " + layer + " is outside the trace's " + layers + " loop layers (0.." + (layers - 1) + ")");
        }
        if (k < 1) throw new IllegalArgumentException("top-k must be at least 1, got " + k);
        int steps = trace.iterations() + 1, tokens = trace.tokenCount();
        LensArrays coda = new LensArrays(steps, tokens, model.vocab(), k);
        LensArrays logit = null;
        for (int step = 0; step < steps; step++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled at iteration " + step + " of " + trace.iterations());
            Logits l = read(model, step == 0 ? state(trace, 0) : layerState(trace, step, layer));
            coda.record(step, l.coda());
            if (l.logit() != null) {
                if (logit == null) logit = new LensArrays(steps, tokens, model.vocab(), k);
                logit.record(step, l.logit());
            }
        }
        return new Lenses(coda.toRecord(steps), logit == null ? null : logit.toRecord(steps));
    }

    /** What reading a trace's states again needs: a prompt pass, of this model's width, with layer states when asked. */
    static void requireReadable(LoopedModel model, Trace trace, boolean layers) {
        if (trace.generation() != null) {
            throw new IllegalArgumentException("lenses are read again from a prompt pass; a generation decoded each new token"
                    + " against its cache, which the trace does not keep: run its text as a Run to read them");
        }
        if (layers && trace.layerStates() == null) {
            throw new IllegalArgumentException("this trace has no layer states: record them with trace --layers (in the workbench: record layers)");
        }
        if (trace.hidden() != model.hidden()) {
            throw new IllegalArgumentException("the trace's states are " + trace.hidden() + " wide but the model's are " + model.hidden());
        }
    }

    private static INDArray slice(float[] data, int from, int tokens, int hidden) {
        return Nd4j.create(java.util.Arrays.copyOfRange(data, from, from + tokens * hidden), new long[] {tokens, hidden}, 'c');
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
