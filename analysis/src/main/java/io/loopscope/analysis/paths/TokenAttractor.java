package io.loopscope.analysis.paths;

/**
 * Whether one token ends in the same attractor from every initial state.
 *
 * @param token                token index
 * @param sameAttractor        the late states of every pair of runs lie within the tolerance of each other
 * @param initialSpread        largest distance between two runs' s0
 * @param finalSpread          largest distance between two runs' final states
 * @param setDistance          largest symmetric Hausdorff distance between two runs' late-state sets
 *                             (equals the final distance for fixed points; phase-free for orbits)
 * @param scale                mean norm of the late states, the yardstick of the tolerance
 * @param relativeSetDistance  setDistance / scale
 */
public record TokenAttractor(int token, boolean sameAttractor, double initialSpread, double finalSpread, double setDistance,
                             double scale, double relativeSetDistance) {
    public TokenAttractor {
        if (token < 0) throw new IllegalArgumentException("token must be >= 0");
        if (!(setDistance >= 0) || !(finalSpread >= 0) || !(initialSpread >= 0)) {
            throw new IllegalArgumentException("distances must be finite and >= 0");
        }
    }
}
