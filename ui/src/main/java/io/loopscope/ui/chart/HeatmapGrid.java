package io.loopscope.ui.chart;

import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The convergence heatmap's matrix: tokens (rows) × steps (columns) of ‖s_i − s*‖, drawn on a log
 * scale as in the Huginn paper.
 *
 * @param distance  [token][step] ‖s_i − s*‖
 * @param rowLabels one label per token
 * @param logMin    log10 of the smallest positive distance (zeros, e.g. at the final step, are drawn at logMin)
 * @param logMax    log10 of the largest distance
 * @param ran       [token] the steps each token ran (R, or a generated token's exit): later cells are absent
 */
public record HeatmapGrid(double[][] distance, List<String> rowLabels, double logMin, double logMax, int[] ran) {

    /** Whether token ran step (a generated token stops at its exit; later steps never happened). */
    public boolean ran(int token, int step) {
        return step <= ran[token];
    }

    public int tokens() {
        return distance.length;
    }

    public int steps() {
        return distance.length == 0 ? 0 : distance[0].length;
    }

    /** The grid of run r, from its analysis (screen, exported figures and headless figures share it). */
    public static HeatmapGrid of(RunResult r) {
        RunAnalysis a = r.analysis();
        double[][] d = new double[a.tokens()][a.steps()];
        int[] ran = new int[a.tokens()];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < a.tokens(); t++) {
            ran[t] = a.ranSteps(t);
            for (int s = 0; s < a.steps(); s++) {
                double v = a.distanceToFinal(t, s);
                d[t][s] = v;
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi >= lo)) {
            lo = 1e-6;
            hi = 1;
        }
        List<String> labels = new ArrayList<>();
        List<String> names = r.tokenStrings();
        for (int t = 0; t < names.size(); t++) labels.add(TokenLabels.label(t, names.get(t)));
        double logLo = Math.log10(lo), logHi = Math.log10(hi);
        if (logHi - logLo < 1e-9) logHi = logLo + 1;
        return new HeatmapGrid(d, labels, logLo, logHi, ran);
    }
}
