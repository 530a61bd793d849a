package io.loopscope.ui.engine;

import io.loopscope.inference.trace.RunInfo;

/** Opens models for the workbench; implementations may cache (loading a checkpoint takes seconds). */
public interface ModelLoader {

    /** Loads the model; the exception's message is shown first in the error dialog, so it must read well. */
    LoadedModel load(ModelRef ref) throws Exception;

    /**
     * As {@link #load(ModelRef)}, telling progress the share of the weights read (0..1) and stopping
     * with a CancellationException when cancelled; a loader that cannot tell just loads.
     */
    default LoadedModel load(ModelRef ref, java.util.function.DoubleConsumer progress, java.util.function.BooleanSupplier cancelled) throws Exception {
        return load(ref);
    }

    /** Whether the embedded model can be offered in the picker. */
    default boolean hasEmbeddedModel() {
        return true;
    }

    /** The tokenizer of the model a trace file names, to spell its lens's guesses; by default only its recorded folder is looked in. */
    default TraceTokenizer tokenizerOf(RunInfo info) {
        return TraceTokenizer.of(info, () -> null);
    }
}
