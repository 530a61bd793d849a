package io.loopscope.inference.trace;

import java.util.List;
import java.util.Objects;

/**
 * What a generation adds to a trace. Positions [0, promptLength) are the prompt and ran all R
 * iterations; every later position is a generated token fed back, which ran {@code steps[t]} of them
 * (its states past that step are zero, its lens there NaN). The last generated id is never fed
 * back, so S = promptLength + generatedIds.length − 1.
 *
 * @param steps        [S] loop steps each position ran
 * @param generatedIds every generated id in order
 * @param settings     how it was generated (generation.json)
 */
public record Generated(int[] steps, long[] generatedIds, Settings settings) {

    public Generated {
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(generatedIds, "generatedIds");
        Objects.requireNonNull(settings, "settings");
        if (generatedIds.length < 1) throw new IllegalArgumentException("a generation has at least one generated token");
        if (steps.length != settings.promptLength() + generatedIds.length - 1) {
            throw new IllegalArgumentException("steps has " + steps.length + " positions but a prompt of " + settings.promptLength()
                    + " and " + generatedIds.length + " generated tokens make " + (settings.promptLength() + generatedIds.length - 1));
        }
        steps = steps.clone();
        generatedIds = generatedIds.clone();
    }

    /**
     * @param promptLength  tokens of the prompt
     * @param exitCriterion the criterion that stopped each generated token's loop ("none": always R)
     * @param exitThreshold its threshold
     * @param kvSharing     what a later token sees of a position that stopped early ("skip" or "latest")
     * @param warmStart     a generated position started from the previous position's final state
     * @param sampling      "greedy" or the sampling options with their seed
     * @param stop          the stop strings asked for
     * @param stopReason    why generation ended: max-new-tokens, end-token or stop-string
     * @param text          the generated text as the tokenizer decodes it ("" without a tokenizer)
     */
    public record Settings(int promptLength, String exitCriterion, double exitThreshold, String kvSharing, boolean warmStart,
                           String sampling, List<String> stop, String stopReason, String text) {
        public Settings {
            if (promptLength < 1) throw new IllegalArgumentException("a generation's prompt has at least one token, got " + promptLength);
            Objects.requireNonNull(exitCriterion, "exitCriterion");
            Objects.requireNonNull(kvSharing, "kvSharing");
            Objects.requireNonNull(stopReason, "stopReason");
            stop = stop == null ? List.of() : List.copyOf(stop);
            text = text == null ? "" : text;
            sampling = sampling == null ? "greedy" : sampling;
        }
    }

    @Override
    public int[] steps() {
        return steps.clone();
    }

    @Override
    public long[] generatedIds() {
        return generatedIds.clone();
    }

    /** Loop steps position t ran. */
    public int stepsAt(int token) {
        return steps[token];
    }

    /** Iterations the generated positions used, against R for each (the cost of a fixed-R run). */
    public long iterationsUsed() {
        long sum = 0;
        for (int t = settings.promptLength(); t < steps.length; t++) sum += steps[t];
        return sum;
    }

    /** Prompt ids then every generated id: the whole text. */
    public long[] sequence(long[] positionIds) {
        long[] all = java.util.Arrays.copyOf(positionIds, settings.promptLength() + generatedIds.length);
        System.arraycopy(generatedIds, 0, all, settings.promptLength(), generatedIds.length);
        return all;
    }
}
