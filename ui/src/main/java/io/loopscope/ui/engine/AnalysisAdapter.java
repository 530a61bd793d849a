package io.loopscope.ui.engine;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.paths.PathIndependence;
import io.loopscope.analysis.paths.TokenAttractor;
import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.trace.Trace;
import java.util.List;
import java.util.Locale;

/**
 * The analysis module behind the workbench's {@link Analyzer} port: one {@link TraceAnalysis} per run
 * (PCA, motifs, exit steps, convergence), and {@link PathIndependence} for Compare.
 */
public final class AnalysisAdapter implements Analyzer {

    @Override
    public RunAnalysis analyze(Trace trace) {
        TraceData data = TraceLoader.fromTrace(trace, "trace");
        TraceReport report = TraceAnalysis.analyze(data, AnalysisOptions.defaults());
        return new ReportAnalysis(data, report);
    }

    /** The view of a report someone else computed (the analyze command's, with its own options). */
    public static RunAnalysis of(TraceData data, TraceReport report) {
        return new ReportAnalysis(data, report);
    }

    @Override
    public RunAnalysis inFrameOf(RunAnalysis a, RunAnalysis b) {
        try {
            return ProjectedAnalysis.of(a, b);
        } catch (IllegalArgumentException e) {
            return null; // e.g. different state spaces: Compare falls back to each run's own PCA and says so
        }
    }

    @Override
    public PairComparison compare(Trace a, Trace b) {
        if (a.tokenCount() != b.tokenCount() || a.hidden() != b.hidden() || !java.util.Arrays.equals(a.ids(), b.ids())) return null;
        TraceData da = TraceLoader.fromTrace(a, "A"), db = TraceLoader.fromTrace(b, "B");
        StateSpace space = da.defaultSpace();
        List<TokenAttractor> tokens;
        try {
            tokens = PathIndependence.compare(List.of(da, db), space, PathIndependence.DEFAULT_TOLERANCE);
        } catch (IllegalArgumentException e) {
            return null; // R = 0 or non-finite states: nothing to compare, and the verdict line says so
        }
        long same = tokens.stream().filter(TokenAttractor::sameAttractor).count();
        String summary = String.format(Locale.ROOT,
                "%d of %d tokens reach the same attractor from both starts (late states within %.0f%% of the state norm, %s space).",
                same, tokens.size(), 100 * PathIndependence.DEFAULT_TOLERANCE, space.id());
        return new PairComparison() {
            @Override
            public int tokens() {
                return tokens.size();
            }

            @Override
            public double finalDistance(int token) {
                return tokens.get(token).setDistance();
            }

            @Override
            public boolean sameAttractor(int token) {
                return tokens.get(token).sameAttractor();
            }

            @Override
            public String summary() {
                return summary;
            }
        };
    }
}
