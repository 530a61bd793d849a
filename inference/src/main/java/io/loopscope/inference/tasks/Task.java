package io.loopscope.inference.tasks;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic reasoning task with a difficulty knob. Training draws difficulties from
 * {@link #training()}; {@link #harder()} is held out (never trained on) to test whether more
 * iterations extrapolate.
 */
public interface Task {

    /** Short name used on the command line, e.g. "sum". */
    String name();

    /** What the difficulty knob counts, e.g. "operands". */
    String knob();

    /** One line on the prompt format, with an example, for help texts and the README. */
    String format();

    Range training();

    Range harder();

    /** One example at exactly this difficulty; all randomness comes from rng. */
    Example sample(SplittableRandom rng, int difficulty);

    /**
     * Positions inside the prompt (0-based, before its last character) where the prompt read up to
     * and including that position is itself a question of this task, with its answer. A causal model
     * sees exactly that prefix there, so the trainer supervises these positions too: more examples of
     * the same task from the same sequence, not an easier task. None by default.
     */
    default Map<Integer, Character> prefixAnswers(Example example) {
        return Map.of();
    }

    /**
     * Positions inside the prompt (0-based, before its last character) where a partial result of the
     * task's own algorithm is defined by what has been read so far: sum's running total after each
     * operand, count's running count after each letter, add's column sums, a hop's look-up at an edge
     * whose successor was listed earlier. The trainer supervises them too, never scores them: a
     * scratchpad the model keeps in its latent state. A running total needs the one before it, so a
     * deeper position needs more iterations — the serial work a looped model is for. None by default.
     */
    default Map<Integer, Character> runningAnswers(Example example) {
        return Map.of();
    }

    /** One example with a difficulty drawn uniformly from the range. */
    default Example sample(SplittableRandom rng, Range range) {
        return sample(rng, range.min() + rng.nextInt(range.max() - range.min() + 1));
    }
}
