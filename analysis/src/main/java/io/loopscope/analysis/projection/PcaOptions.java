package io.loopscope.analysis.projection;

import io.loopscope.analysis.StateSpace;

/**
 * How to fit a PCA.
 *
 * @param space           raw or normalized states
 * @param components      how many components to keep, 1..10
 * @param fromToken       first token of the fitting window (inclusive)
 * @param toToken         end of the fitting window (exclusive); -1 means "to the last token"
 * @param includeInitial  whether s0 (the random initial state) takes part in the fit
 */
public record PcaOptions(StateSpace space, int components, int fromToken, int toToken, boolean includeInitial) {
    public static final int MAX_COMPONENTS = 10;

    public PcaOptions {
        java.util.Objects.requireNonNull(space, "space");
        if (components < 1 || components > MAX_COMPONENTS) {
            throw new IllegalArgumentException("PCA keeps 1.." + MAX_COMPONENTS + " components, got " + components);
        }
        if (fromToken < 0) throw new IllegalArgumentException("fromToken must be >= 0, got " + fromToken);
        if (toToken != -1 && toToken <= fromToken) {
            throw new IllegalArgumentException("token window [" + fromToken + ", " + toToken + ") is empty");
        }
    }

    /** All tokens, all states, the given space, 10 components. */
    public static PcaOptions all(StateSpace space) {
        return new PcaOptions(space, MAX_COMPONENTS, 0, -1, true);
    }

    public PcaOptions withComponents(int k) {
        return new PcaOptions(space, k, fromToken, toToken, includeInitial);
    }

    public PcaOptions withTokenWindow(int from, int to) {
        return new PcaOptions(space, components, from, to, includeInitial);
    }
}
