package io.loopscope.analysis;

/**
 * One lens of a trace at every step and token: its entropy and KL curves and its top-k guesses,
 * any of which a source may lack. The coda lens (the model's own decode) and the logit lens (the
 * head straight after the final norm, skipping the coda) are both held this way.
 *
 * @param entropy [R+1][S] in nats, or null
 * @param kl      [R+1][S] KL(p_{i−1} ‖ p_i) in nats, or null
 * @param topk    its top-k guesses, or null
 * @param tokens  S, the row length of the curves
 */
public record LensTables(float[] entropy, float[] kl, TraceLens topk, int tokens) {

    public boolean hasEntropy() {
        return entropy != null;
    }

    public boolean hasKl() {
        return kl != null;
    }

    public double entropy(int step, int token) {
        if (entropy == null) throw new IllegalStateException("this lens recorded no entropy");
        return entropy[step * tokens + token];
    }

    public double kl(int step, int token) {
        if (kl == null) throw new IllegalStateException("this lens recorded no KL");
        return kl[step * tokens + token];
    }
}
