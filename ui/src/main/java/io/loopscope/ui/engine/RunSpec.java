package io.loopscope.ui.engine;

import io.loopscope.inference.generate.StopRule;
import io.loopscope.inference.model.StateInit;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the Run button starts from, as the run bar's view model collected it.
 *
 * @param model      which model
 * @param prompt     text, or token ids for models without a tokenizer
 * @param iterations R
 * @param init       how s0 is made
 * @param seed       the seed of a random s0 (ignored for zeros)
 * @param topK       lens tokens kept per step
 * @param generate   the Generate mode's settings, or null for a Run (one pass over the prompt)
 * @param layers     also record every core layer's output at every iteration (layer_states), so the
 *                   lenses can be read inside the block; a Run only
 */
public record RunSpec(ModelRef model, String prompt, int iterations, InitMode init, long seed, int topK, GenerateSettings generate,
                      boolean layers) {

    /** The s0 choices the run bar offers. */
    public enum InitMode {
        RANDOM("random"), ZEROS("zeros");

        private final String label;

        InitMode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public RunSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(init, "init");
        if (iterations < 0) throw new IllegalArgumentException("iterations must be 0 or more");
        if (topK < 1) throw new IllegalArgumentException("top-k must be at least 1");
        // R against the generation's rules (e.g. at least one iteration), by the engine's own request
        if (generate != null) generate.request(new long[] {0}, iterations, new StateInit.Zeros(), topK, new StopRule(Set.of(), List.of(), ids -> ""));
        if (generate != null && layers) {
            throw new IllegalArgumentException("layer states are recorded by a Run (one pass over the prompt), not while generating");
        }
    }

    /** Without layer states. */
    public RunSpec(ModelRef model, String prompt, int iterations, InitMode init, long seed, int topK, GenerateSettings generate) {
        this(model, prompt, iterations, init, seed, topK, generate, false);
    }

    /** A Run: one pass over the prompt. */
    public RunSpec(ModelRef model, String prompt, int iterations, InitMode init, long seed, int topK) {
        this(model, prompt, iterations, init, seed, topK, null);
    }

    public boolean generates() {
        return generate != null;
    }

    public StateInit stateInit() {
        return init == InitMode.RANDOM ? new StateInit.Random(seed) : new StateInit.Zeros();
    }

    /** A short description for compare headers: "seed 7 · r 32". */
    public String shortLabel() {
        return (init == InitMode.RANDOM ? "seed " + seed : "zeros") + " · r " + iterations;
    }

    public RunSpec withSeed(long newSeed) {
        return new RunSpec(model, prompt, iterations, init, newSeed, topK, generate, layers);
    }
}
