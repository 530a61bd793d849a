package io.loopscope.ui.engine;

import io.loopscope.inference.trace.Trace;

/** The analysis module as the workbench calls it (an interface so view tests can supply analytic results). */
public interface Analyzer {

    RunAnalysis analyze(Trace trace);

    /** Path independence of two runs of the same prompt; null when they cannot be compared (different prompts). */
    PairComparison compare(Trace a, Trace b);

    /** Run b's analysis in run a's PCA frame (Compare draws both in one basis), or null when that is not possible. */
    default RunAnalysis inFrameOf(RunAnalysis a, RunAnalysis b) {
        return null;
    }
}
