package io.loopscope.analysis.report;

import io.loopscope.analysis.NonFiniteStates;
import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.convergence.Convergence;
import io.loopscope.analysis.convergence.ExitSteps;
import io.loopscope.analysis.convergence.ReferenceRun;
import io.loopscope.analysis.motif.MotifClassifier;
import io.loopscope.analysis.projection.Pca;
import io.loopscope.analysis.projection.PcaOptions;
import io.loopscope.analysis.projection.PcaResult;
import java.util.ArrayList;
import java.util.List;

/** Runs the whole analysis of one trace: motifs, exit steps, convergence curves and PCA. */
public final class TraceAnalysis {
    private TraceAnalysis() {
    }

    public static TraceReport analyze(TraceData data, AnalysisOptions options) {
        return analyze(data, options, null);
    }

    /**
     * @param reference a longer run of the same prompt whose final states are s* for the distance curves,
     *                  or null to measure against this trace's own final states
     * @throws IllegalArgumentException when the reference is another prompt or model (see {@link ReferenceRun})
     */
    public static TraceReport analyze(TraceData data, AnalysisOptions options, TraceData reference) {
        StateSpace space = options.space() == null ? data.defaultSpace() : options.space();
        if (space == StateSpace.NORMALIZED && !data.canNormalize()) {
            throw new IllegalArgumentException(data.source() + " has no ln_f_weight, so states cannot be normalized; use --space raw");
        }
        List<String> notes = new ArrayList<>(data.notes());
        for (NonFiniteStates bad : data.nonFinite()) {
            notes.add("token " + bad.token() + " (" + data.token(bad.token()) + ") has NaN/Inf states at " + bad.describeSteps()
                    + "; those states are left out");
        }
        if (reference != null) notes.addAll(ReferenceRun.check(data, reference, space));
        if (data.iterations() == 0) notes.add("R = 0: only s0 was recorded, nothing to classify or exit from");
        if (data.tokens() == 1) notes.add("a single token: distributions over tokens have one entry");
        if (data.hidden() == 1) notes.add("H = 1: states are scalars; orbits can only be period-2 flips and PCA has one component");
        PcaResult pca = null;
        String pcaUnavailable = null;
        try {
            pca = Pca.fit(data, PcaOptions.all(space).withComponents(options.pcaComponents()));
        } catch (IllegalArgumentException e) {
            pcaUnavailable = e.getMessage();
        }
        return new TraceReport(data.source(), data.label(), space, data.iterations(), data.hidden(), data.tokenStrings(),
                new MotifClassifier(options.motifs()).classify(data, space),
                ExitSteps.compute(data, options.exitThresholds()),
                Convergence.compute(data, space, reference),
                reference == null ? null : reference.source(),
                pca, pcaUnavailable, notes, data.generation());
    }
}
