package io.loopscope.analysis.motif;

/**
 * The label of one token's trajectory and why.
 *
 * @param motif    the label
 * @param evidence the measured quantities behind it
 * @param features every number the rules looked at, or null when the trajectory was too short to measure
 * @param note     a caveat (non-finite states, too few steps), or null
 */
public record MotifResult(Motif motif, MotifEvidence evidence, TrajectoryFeatures features, String note) {
    public MotifResult {
        java.util.Objects.requireNonNull(motif, "motif");
        java.util.Objects.requireNonNull(evidence, "evidence");
        boolean consistent = switch (motif) {
            case FIXED_POINT -> evidence instanceof MotifEvidence.FixedPoint;
            case ORBIT -> evidence instanceof MotifEvidence.Orbit;
            case SLIDER -> evidence instanceof MotifEvidence.Slider;
            case DIVERGING -> evidence instanceof MotifEvidence.Diverging;
            case OTHER -> evidence instanceof MotifEvidence.Other;
        };
        if (!consistent) throw new IllegalArgumentException(motif.id() + " cannot carry " + evidence.getClass().getSimpleName() + " evidence");
    }

    /** "fixed-point: contracts 0.83× per step, settled by step 14" */
    public String describe() {
        return motif.id() + ": " + evidence.describe() + (note == null ? "" : " (" + note + ")");
    }
}
