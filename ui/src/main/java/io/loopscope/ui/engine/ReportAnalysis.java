package io.loopscope.ui.engine;

import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.convergence.CriterionSteps;
import io.loopscope.analysis.convergence.ExitSteps;
import io.loopscope.analysis.convergence.TokenConvergence;
import io.loopscope.analysis.motif.MotifResult;
import io.loopscope.analysis.projection.PcaResult;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.exit.ExitThresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TraceReport} seen through {@link RunAnalysis}. The report's accessors return defensive
 * copies, so the arrays views read per point are taken once here.
 */
final class ReportAnalysis implements RunAnalysis, ReportBacked {
    private final TraceData data;
    private final TraceReport report;
    private final double[][][] projections; // [S][R+1][k]
    private final double[][] centres;       // [S][k]
    private final double[] ratios;
    private final double[][] distance, relStep; // [S][R+1]
    private final List<MotifSummary> motifs;
    private final RunLens lens, logitLens;
    /** Exit steps at thresholds other than the report's, computed on demand (the metrics threshold field). */
    private final Map<String, Map<ExitCriterion, CriterionSteps>> otherThresholds = new ConcurrentHashMap<>();

    ReportAnalysis(TraceData data, TraceReport report) {
        this.data = data;
        this.report = report;
        PcaResult pca = report.pca();
        this.projections = pca == null ? null : pca.projections();
        this.centres = pca == null ? null : pca.centreOfMass();
        this.ratios = pca == null ? new double[0] : pca.explainedVarianceRatio();
        int s = report.tokens().size();
        distance = new double[s][];
        relStep = new double[s][];
        for (TokenConvergence c : report.convergence()) {
            distance[c.token()] = c.distanceToEnd();
            relStep[c.token()] = c.relativeStep();
        }
        List<MotifSummary> m = new ArrayList<>();
        for (MotifResult r : report.motifs()) m.add(summary(r));
        motifs = List.copyOf(m);
        lens = new DataLens(data, data.codaLens());
        logitLens = data.logitLens() == null ? RunLens.NONE : new DataLens(data, data.logitLens());
    }

    static MotifSummary summary(MotifResult r) {
        List<String> lines = new ArrayList<>();
        r.evidence().summary().forEach((k, v) -> {
            if (v != null) lines.add(k.replace('_', ' ') + ": " + format(v));
        });
        if (r.note() != null) lines.add("note: " + r.note());
        return new MotifSummary(r.motif().id(), r.evidence().describe(), lines);
    }

    private static String format(Object v) {
        if (v instanceof Double d) return String.format(Locale.ROOT, Math.abs(d) >= 1e-3 && Math.abs(d) < 1e4 ? "%.3f" : "%.2e", d);
        if (v instanceof double[] a) {
            StringBuilder s = new StringBuilder();
            for (double x : a) s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", x));
            return s.toString();
        }
        return String.valueOf(v);
    }

    @Override public TraceData data() { return data; }
    @Override public TraceReport report() { return report; }
    @Override public int tokens() { return report.tokens().size(); }
    @Override public int steps() { return report.iterations() + 1; }
    @Override public int components() { return ratios.length; }
    @Override public double explainedVariance(int pc) { return ratios[pc]; }
    @Override public double projection(int token, int step, int pc) { return projections[token][step][pc]; }
    @Override public double centreOfMass(int token, int pc) { return centres[token][pc]; }
    @Override public double distanceToFinal(int token, int step) { return distance[token][step]; }
    @Override public double relativeStep(int token, int step) { return relStep[token][step]; }
    @Override public MotifSummary motif(int token) { return motifs.get(token); }
    @Override public int ranSteps(int token) { return data.ranSteps(token); }
    @Override public RunLens lens() { return lens; }
    @Override public RunLens lens(LensKind kind) { return kind == LensKind.CODA ? lens : logitLens; }

    @Override
    public String space() {
        return report.space().id();
    }

    @Override
    public OptionalInt exitStep(ExitCriterion criterion, double threshold, int token) {
        CriterionSteps steps = report.exitSteps().get(criterion);
        if (steps == null || steps.threshold() != threshold) {
            steps = otherThresholds.computeIfAbsent(criterion.id() + "@" + threshold,
                    k -> ExitSteps.compute(data, new ExitThresholds(Map.of(criterion, threshold)))).get(criterion);
        }
        if (steps == null || !steps.available()) return OptionalInt.empty();
        Integer s = steps.steps().get(token);
        return s == null ? OptionalInt.empty() : OptionalInt.of(s);
    }
}
