package io.loopscope.ui.vm;

import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunResult;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The convergence heatmap: tokens (rows) × steps (columns) of ‖s_i − s*‖, coloured on a log scale as
 * in the Huginn paper. Clicking a cell selects that token and step.
 */
public final class HeatmapViewModel {

    /**
     * The matrix to draw.
     *
     * @param distance [token][step] ‖s_i − s*‖
     * @param rowLabels one label per token
     * @param logMin  log10 of the smallest positive distance (zeros, e.g. at the final step, are drawn at logMin)
     * @param logMax  log10 of the largest distance
     * @param ran     [token] the steps each token ran (R, or a generated token's exit): later cells are absent
     */
    public record Grid(double[][] distance, List<String> rowLabels, double logMin, double logMax, int[] ran) {
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
    }

    private final Selection selection;
    private final ReadOnlyObjectWrapper<Grid> grid = new ReadOnlyObjectWrapper<>();

    HeatmapViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.selection = selection;
        result.addListener((o, a, r) -> grid.set(r == null ? null : build(r)));
    }

    public ReadOnlyObjectProperty<Grid> gridProperty() { return grid.getReadOnlyProperty(); }
    public Selection selection() { return selection; }

    public Grid grid() {
        return grid.get();
    }

    /** A cell was clicked: that token becomes the selection (or is added with Ctrl), that step the focus. */
    public void click(int token, int step, boolean ctrl, boolean shift) {
        Grid g = grid.get();
        if (g == null || token < 0 || token >= g.tokens() || step < 0 || step >= g.steps()) return;
        selection.click(token, ctrl, shift);
        selection.stepProperty().set(step);
    }

    /** The grid of run r (screen, exported figures and headless figures share it). */
    public static Grid build(RunResult r) {
        RunAnalysis a = r.analysis();
        double[][] d = new double[a.tokens()][a.steps()];
        int[] ran = new int[a.tokens()];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < a.tokens(); t++) {
            ran[t] = r.trace().stepsOf(t);
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
        for (int t = 0; t < names.size(); t++) labels.add(TokenStripViewModel.label(t, names.get(t)));
        double logLo = Math.log10(lo), logHi = Math.log10(hi);
        if (logHi - logLo < 1e-9) logHi = logLo + 1;
        return new Grid(d, labels, logLo, logHi, ran);
    }
}
