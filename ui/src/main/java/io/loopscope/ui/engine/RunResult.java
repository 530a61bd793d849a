package io.loopscope.ui.engine;

import io.loopscope.inference.trace.Trace;
import io.loopscope.analysis.RankTrajectories;
import java.util.List;
import java.util.function.BooleanSupplier;

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

    /** The loop layers whose outputs the run recorded (record layers), 0 when it recorded only the block output. */
    public int loopLayers() {
        return trace.layerStates() == null ? 0 : trace.layerStates().dim(1);
    }

    /**
     * Where ids rank at every step of every position under both lenses, and with layers at every
     * recorded loop layer too: the trace's own ranks when it recorded them all, else the model reads
     * the recorded states again (each loop layer costs as much as the block output). Model work:
     * call it off the UI thread; cancelled is polled every step.
     */
    public RankTrajectories ranks(long[] ids, boolean layers, BooleanSupplier cancelled) {
        if (layers && loopLayers() == 0) throw new IllegalArgumentException("this run recorded no layer states: run it with record layers");
        if (trace.ranks() != null) {
            RankTrajectories recorded = RankTrajectories.of(trace.ranks());
            if (recorded.covers(ids) && (!layers || recorded.layers() > 0)) return recorded;
        }
        return RankTrajectories.of(model.ranks(trace, ids, layers, cancelled));
    }

    /** The ranks of ids at the block output (every step, every position, both lenses). */
    public RankTrajectories ranks(long[] ids, BooleanSupplier cancelled) {
        return ranks(ids, false, cancelled);
    }

    /**
     * Both lenses of loop layer (0-based, as in layer_states) at every step, read again by the model from
     * the recorded layer states through the same decode as the run's own lens, so the last layer's equal
     * the run's. Model work: call it off the UI thread; cancelled is polled every step.
     */
    public LayerLenses layerLenses(int layer, BooleanSupplier cancelled) {
        if (loopLayers() == 0) throw new IllegalArgumentException("this run recorded no layer states: run it with record layers");
        if (layer < 0 || layer >= loopLayers()) throw new IllegalArgumentException("layer " + layer + " is outside the run's " + loopLayers() + " loop layers");
        return LayerLenses.of(layer, model.layerLens(trace, layer, cancelled));
    }

    public String tokenString(long id) {
        return model.tokenString(id);
    }

    /** The same run seen through another analysis (run B projected onto run A's PCA frame). */
    public RunResult withAnalysis(RunAnalysis other) {
        return new RunResult(spec, model, trace, other, traceMs, analysisMs);
    }
}
