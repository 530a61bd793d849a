package io.loopscope.ui.engine;

import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.projection.Pca;
import io.loopscope.analysis.projection.PcaResult;
import io.loopscope.inference.exit.ExitCriterion;
import java.util.OptionalInt;

/**
 * Run B's analysis seen in run A's PCA frame, for Compare: B's states projected onto A's axes (centred
 * on A's mean, by the analysis module's {@link Pca#project}), so both panels share one coordinate
 * system and a shift between the runs shows as a shift. Everything else (motifs, distances, exits) is
 * B's own.
 */
final class ProjectedAnalysis implements RunAnalysis {
    private final RunAnalysis own;
    private final double[][][] projections; // [S][R+1][k] in A's frame
    private final double[][] centres;
    private final double[] ratios;

    private ProjectedAnalysis(RunAnalysis own, double[][][] projections, double[] ratios) {
        this.own = own;
        this.projections = projections;
        this.ratios = ratios;
        int k = ratios.length;
        centres = new double[projections.length][k];
        for (int t = 0; t < projections.length; t++) {
            // the centre of mass as the analysis defines it: mean over steps 1..R of finite projections
            int first = projections[t].length > 1 ? 1 : 0, n = 0;
            for (int s = first; s < projections[t].length; s++) {
                if (Double.isNaN(projections[t][s][0])) continue;
                n++;
                for (int c = 0; c < k; c++) centres[t][c] += projections[t][s][c];
            }
            for (int c = 0; c < k; c++) centres[t][c] = n == 0 ? Double.NaN : centres[t][c] / n;
        }
    }

    /** B in A's frame, or null when A has no PCA, or the runs are not report-backed or differ in width or space. */
    static RunAnalysis of(RunAnalysis a, RunAnalysis b) {
        if (!(a instanceof ReportBacked ra) || !(b instanceof ReportBacked rb)) return null;
        PcaResult pca = ra.report().pca();
        TraceData other = rb.data();
        if (pca == null || other.hidden() != ra.data().hidden() || rb.report().space() != pca.space()) return null;
        return new ProjectedAnalysis(b, Pca.project(pca, other, pca.space()), pca.explainedVarianceRatio());
    }

    @Override public int tokens() { return own.tokens(); }
    @Override public int steps() { return own.steps(); }
    @Override public int components() { return ratios.length; }
    @Override public double explainedVariance(int pc) { return ratios[pc]; }
    @Override public double projection(int token, int step, int pc) { return projections[token][step][pc]; }
    @Override public double centreOfMass(int token, int pc) { return centres[token][pc]; }
    @Override public double distanceToFinal(int token, int step) { return own.distanceToFinal(token, step); }
    @Override public double relativeStep(int token, int step) { return own.relativeStep(token, step); }
    @Override public MotifSummary motif(int token) { return own.motif(token); }
    @Override public OptionalInt exitStep(ExitCriterion c, double threshold, int token) { return own.exitStep(c, threshold, token); }
    @Override public String space() { return own.space(); }
    @Override public int ranSteps(int token) { return own.ranSteps(token); }
    @Override public RunLens lens() { return own.lens(); }
    @Override public RunLens lens(LensKind kind) { return own.lens(kind); }
}
