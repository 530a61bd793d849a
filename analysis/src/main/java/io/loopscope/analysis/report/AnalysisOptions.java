package io.loopscope.analysis.report;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.motif.MotifThresholds;
import io.loopscope.analysis.projection.PcaOptions;
import io.loopscope.inference.exit.ExitThresholds;

/**
 * What one analysis run computes and how.
 *
 * @param space          the state space, or null for the trace's default (normalized when ln_f_weight is present)
 * @param exitThresholds thresholds of the exit criteria
 * @param motifs         thresholds of the motif rules
 * @param pcaComponents  principal components to keep (1..10)
 */
public record AnalysisOptions(StateSpace space, ExitThresholds exitThresholds, MotifThresholds motifs, int pcaComponents) {
    public AnalysisOptions {
        java.util.Objects.requireNonNull(exitThresholds, "exitThresholds");
        java.util.Objects.requireNonNull(motifs, "motifs");
        if (pcaComponents < 1 || pcaComponents > PcaOptions.MAX_COMPONENTS) {
            throw new IllegalArgumentException("PCA components must be 1.." + PcaOptions.MAX_COMPONENTS + ", got " + pcaComponents);
        }
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(null, ExitThresholds.defaults(), MotifThresholds.defaults(), PcaOptions.MAX_COMPONENTS);
    }

    public AnalysisOptions withSpace(StateSpace s) {
        return new AnalysisOptions(s, exitThresholds, motifs, pcaComponents);
    }

    public AnalysisOptions withExitThresholds(ExitThresholds t) {
        return new AnalysisOptions(space, t, motifs, pcaComponents);
    }
}
