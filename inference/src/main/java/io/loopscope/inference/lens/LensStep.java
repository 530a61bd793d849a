package io.loopscope.inference.lens;

/**
 * The logit lens at one step of the loop, for every token.
 *
 * @param entropy   [S] entropy of p_i in nats
 * @param kl        [S] KL(p_{i-1} ‖ p_i) in nats (p_{-1} uniform)
 * @param minpKl    [S] the same KL between min-p filtered distributions (Huginn's "minp-kl")
 * @param topkIds   [S·K] the K most probable token ids, most probable first
 * @param topkProbs [S·K] their probabilities
 * @param k         K
 */
public record LensStep(float[] entropy, float[] kl, float[] minpKl, int[] topkIds, float[] topkProbs, int k) {
    public LensStep {
        int tokens = entropy.length;
        if (kl.length != tokens || minpKl.length != tokens) throw new IllegalArgumentException("per-token arrays differ in length");
        if (topkIds.length != tokens * k || topkProbs.length != tokens * k) throw new IllegalArgumentException("top-k arrays must be S·K long");
    }

    /** The most probable token of the given position. */
    public int argmax(int token) {
        return topkIds[token * k];
    }
}
