package io.loopscope.ui.engine;

import io.loopscope.inference.trace.Trace;

/** The analysis module behind the workbench's {@link Analyzer} port. */
public final class AnalysisAdapter implements Analyzer {

    @Override
    public RunAnalysis analyze(Trace trace) {
        throw new IllegalStateException("the analysis module is not available in this build yet");
    }

    @Override
    public PairComparison compare(Trace a, Trace b) {
        return null;
    }
}
