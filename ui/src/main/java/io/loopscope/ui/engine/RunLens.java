package io.loopscope.ui.engine;

/**
 * The logit lens of a run as its analysis holds it: per step and token the lens's entropy, its KL to
 * the previous step and its top-k guesses with their probabilities. Past a generated token's exit
 * (steps after {@link RunAnalysis#ranSteps}) the curves are NaN — those steps never happened — and
 * the guesses are the ones at the exit, where its state is held.
 */
public interface RunLens {

    /** A run that recorded no lens. */
    RunLens NONE = new RunLens() {
        @Override public int topK() { return 0; }
        @Override public boolean hasProbabilities() { return false; }
        @Override public double kl(int step, int token) { return Double.NaN; }
        @Override public double entropy(int step, int token) { return Double.NaN; }
        @Override public long topId(int step, int token, int rank) { throw new IllegalStateException("no lens top-k recorded"); }
        @Override public double topProbability(int step, int token, int rank) { return Double.NaN; }
    };

    /** Guesses recorded per step and token (0: none). */
    int topK();

    /** Whether the guesses come with their probabilities (another tool's trace may record only the ids). */
    boolean hasProbabilities();

    /** KL(p_{i−1} ‖ p_i) in nats; NaN when not recorded or not run. */
    double kl(int step, int token);

    /** The lens's entropy in nats; NaN when not recorded or not run. */
    double entropy(int step, int token);

    /** The id of the rank-th guess (0: the top one); requires topK() > rank. */
    long topId(int step, int token, int rank);

    /** Its probability; NaN without probabilities. */
    double topProbability(int step, int token, int rank);
}
