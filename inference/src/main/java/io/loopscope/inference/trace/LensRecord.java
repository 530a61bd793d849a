package io.loopscope.inference.trace;

import java.util.Objects;

/**
 * A second lens's statistics at every recorded step (the logit lens beside the coda lens), laid
 * out as the trace's own lens arrays.
 *
 * @param entropy   [R+1, S] entropy in nats
 * @param kl        [R+1, S] KL(p_{i-1} ‖ p_i), p_{-1} uniform
 * @param minpKl    [R+1, S] the same between min-p filtered distributions
 * @param topkIds   [R+1, S, K] its top-k tokens
 * @param topkProbs [R+1, S, K] their probabilities
 */
public record LensRecord(FloatTensor entropy, FloatTensor kl, FloatTensor minpKl, IntTensor topkIds, FloatTensor topkProbs) {
    public LensRecord {
        Objects.requireNonNull(entropy, "entropy");
        Objects.requireNonNull(kl, "kl");
        Objects.requireNonNull(minpKl, "minpKl");
        Objects.requireNonNull(topkIds, "topkIds");
        Objects.requireNonNull(topkProbs, "topkProbs");
    }
}
