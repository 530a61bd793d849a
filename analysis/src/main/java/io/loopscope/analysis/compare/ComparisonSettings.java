package io.loopscope.analysis.compare;

import io.loopscope.inference.exit.ExitCriterion;

/**
 * How much of the suite a comparison runs, the same for every model.
 *
 * @param samples       examples per task and range of the accuracy sweep
 * @param censusSamples census prompts per difficulty of every task's training and harder ranges
 */
public record ComparisonSettings(int samples, int censusSamples) {
    /** More than this is a typo, not a plan: 10 000 examples per task and range already take hours here. */
    public static final int MAX_SAMPLES = 10_000;
    /** The accuracy sweep goes this many times past the model's training mean recurrence. */
    public static final int FAR = 8;
    /** The census's prompts and their s0s come from this seed, so every model sees the same prompts. */
    public static final long CENSUS_SEED = 0;
    /** The exit whose steps the comparison counts: KL at the Huginn paper's 5e-4. */
    public static final ExitCriterion EXIT = ExitCriterion.KL;
    public static final double EXIT_THRESHOLD = 5e-4;

    public ComparisonSettings {
        if (samples < 1 || samples > MAX_SAMPLES) throw new IllegalArgumentException("--samples must be 1.." + MAX_SAMPLES + ", got " + samples);
        if (censusSamples < 1 || censusSamples > MAX_SAMPLES) {
            throw new IllegalArgumentException("--census-samples must be 1.." + MAX_SAMPLES + ", got " + censusSamples);
        }
    }
}
