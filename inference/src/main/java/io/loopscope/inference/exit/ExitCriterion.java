package io.loopscope.inference.exit;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The ways a token can decide it has thought enough, evaluated after every iteration i ≥ 1.
 * Defaults follow the Huginn paper's generation code where it has one.
 */
public enum ExitCriterion {
    /** KL(p_{i-1} ‖ p_i) of the logit lens below the threshold (paper: 5e-4). */
    KL("kl", 5e-4),
    /** |H(p_i) − H(p_{i-1})| below the threshold (at step 1 against the lens of s0). */
    ENTROPY_DIFF("entropy-diff", 1e-3),
    /** ‖s_i − s_{i-1}‖ / ‖s_i‖ below the threshold. */
    LATENT_DIFF("latent-diff", 0.03),
    /** KL between min-p filtered lens distributions below the threshold. */
    MINP_KL("minp-kl", 1e-6),
    /** The lens top-1 unchanged for this many consecutive steps. */
    ARGMAX_STABILITY("argmax-stability", 5),
    /** 1 − cos(s_i, s_{i-1}) below the threshold. */
    COSINE("cosine", 5e-4),
    /** |d_i − d_{i-1}| below the threshold, d being the latent-diff step size: the step has stopped changing. */
    SECOND_ORDER("second-order", 1e-3),
    /**
     * A learned exit gate (Ouro): the cumulative exit probability 1 − Π_{j≤i}(1 − λ_j) reaches the
     * threshold q; the last loop takes what is left, so a run always exits by R. Only families with a gate.
     */
    GATE("gate", 0.5),
    /** Never exits early: always the full R iterations. */
    NONE("none", 0);

    private final String id;
    private final double defaultThreshold;

    ExitCriterion(String id, double defaultThreshold) {
        this.id = id;
        this.defaultThreshold = defaultThreshold;
    }

    /** The name used on the command line, in files and in the paper's code. */
    public String id() {
        return id;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** The one check of a threshold's range: finite and >= 0; whole steps >= 1 for argmax-stability; (0, 1] for the gate. */
    public double requireValid(double threshold) {
        if (!Double.isFinite(threshold) || threshold < 0) {
            throw new IllegalArgumentException("threshold of " + id + " must be a finite number >= 0, got " + threshold);
        }
        if (this == ARGMAX_STABILITY && (threshold < 1 || threshold != Math.rint(threshold))) {
            throw new IllegalArgumentException("argmax-stability takes a whole number of steps >= 1, got " + threshold);
        }
        if (this == GATE && !(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("gate takes a cumulative exit probability in (0, 1], got " + threshold);
        }
        return threshold;
    }

    public static ExitCriterion byId(String id) {
        for (ExitCriterion c : values()) {
            if (c.id.equalsIgnoreCase(id.trim())) return c;
        }
        throw new IllegalArgumentException("unknown exit criterion '" + id + "'; known: "
                + Arrays.stream(values()).map(ExitCriterion::id).collect(Collectors.joining(", ")));
    }
}
