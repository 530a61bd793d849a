package io.loopscope.ui.engine;

import io.loopscope.inference.trace.Trace;
import java.util.List;

/**
 * One finished run: the trace, its analysis, and how to spell token ids — everything every view needs,
 * immutable, so a view model can hold it without locking.
 *
 * @param spec     what was asked for
 * @param model    the model that ran (for token strings of lens ids)
 * @param trace    the recording
 * @param analysis the analysis of the recording
 * @param traceMs  wall time of the model run
 * @param analysisMs wall time of the analysis
 */
public record RunResult(RunSpec spec, LoadedModel model, Trace trace, RunAnalysis analysis, double traceMs, double analysisMs) {

    public int tokens() {
        return trace.tokenCount();
    }

    public int iterations() {
        return trace.iterations();
    }

    /** The prompt's tokens as the chips show them. */
    public List<String> tokenStrings() {
        List<String> t = trace.info().tokens();
        return t.size() == tokens() ? t : model.tokenStrings(trace.ids());
    }

    public String tokenString(long id) {
        return model.tokenString(id);
    }

    /** The same run seen through another analysis (run B projected onto run A's PCA frame). */
    public RunResult withAnalysis(RunAnalysis other) {
        return new RunResult(spec, model, trace, other, traceMs, analysisMs);
    }
}
