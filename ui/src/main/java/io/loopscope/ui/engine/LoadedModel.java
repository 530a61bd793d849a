package io.loopscope.ui.engine;

import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeSet;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * A model ready to run, as the workbench needs it. An interface so the views can be tested against
 * scripted models (slow ones for Cancel, failing ones for the error dialog) without ND4J.
 */
public interface LoadedModel {

    /** The name recorded in traces and shown in the status line. */
    String name();

    /** One line about the architecture, e.g. "H 64 · core 2 blocks · vocab 300". */
    String description();

    /** Whether prompts are text; without a tokenizer they are token ids ("3 14 15"). */
    boolean hasTokenizer();

    /** Prompt → token ids; IllegalArgumentException with a user-facing message when it cannot be encoded. */
    long[] encode(String prompt);

    /** How one token looks on a chip or in the lens table. */
    String tokenString(long id);

    default List<String> tokenStrings(long[] ids) {
        List<String> out = new java.util.ArrayList<>(ids.length);
        for (long id : ids) out.add(tokenString(id));
        return out;
    }

    /** Records a run; progress gets each finished step 0..R, cancelled is polled every step. */
    Trace trace(TraceRequest request, List<String> tokenStrings, IntConsumer progress, BooleanSupplier cancelled);

    /** The ids that end a text: generation stops at them (none by default). */
    default Set<Long> endTokenIds() {
        return Set.of();
    }

    /** The text of ids, in which stop strings are looked for; by default the chips' strings joined. */
    default String decode(long[] ids) {
        return String.join("", tokenStrings(ids));
    }

    /**
     * Generates token by token with per-token adaptive exit and records it all; listener hears every
     * step and every token as it is chosen (on the calling thread), cancelled is polled every step.
     */
    default Trace generate(GenerationRequest request, GenerationListener listener, BooleanSupplier cancelled) {
        throw new UnsupportedOperationException(name() + " cannot generate");
    }

    /**
     * The ranks of ids at every step of a prompt pass this model recorded (and at every loop layer
     * when layers), read again from its states through both lenses; cancelled is polled every step.
     * IllegalStateException when this model cannot read states (a run loaded from a file).
     */
    default Trace.Ranks ranks(Trace trace, long[] ids, boolean layers, BooleanSupplier cancelled) {
        throw new IllegalStateException(name() + " cannot read the ranks of tokens");
    }

    /**
     * Both lenses of loop layer (0-based) at every step of a prompt pass this model recorded with its
     * layers, read again from layer_states with the top-k of the trace's own lens; cancelled is polled
     * every step. IllegalStateException when this model cannot read states (a run loaded from a file).
     */
    default io.loopscope.inference.trace.RecordedLens.Lenses layerLens(Trace trace, int layer, BooleanSupplier cancelled) {
        throw new IllegalStateException(name() + " cannot read the lens of a core layer");
    }

    /**
     * Runs a probe ({@link io.loopscope.analysis.probe.Probe}) on this model: every question of set at
     * every iteration, then the fit. progress hears each unit of work ({@link ProbeSettings#work(int)}
     * in all), cancelled is polled once per prompt.
     */
    default ProbeCurve probe(ProbeSettings settings, ProbeSet set, IntConsumer progress, BooleanSupplier cancelled) {
        throw new UnsupportedOperationException(name() + " cannot run a probe; open its model folder");
    }

    /**
     * How many loop layers a probe of settings reads on this model besides the block output (its
     * progress counts them); IllegalArgumentException for layers the loop does not have. By default the
     * model reports no loop layers.
     */
    default int probeLayers(ProbeSettings settings) {
        return settings.layers().resolve(0, name()).length;
    }
}
