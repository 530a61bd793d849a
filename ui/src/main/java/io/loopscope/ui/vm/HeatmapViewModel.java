package io.loopscope.ui.vm;

import io.loopscope.ui.chart.HeatmapGrid;
import io.loopscope.ui.engine.RunResult;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The convergence heatmap on screen: the chart layer's {@link HeatmapGrid} of the current run, and
 * what a click on a cell does — it selects that token and step.
 */
public final class HeatmapViewModel {

    private final Selection selection;
    private final ReadOnlyObjectWrapper<HeatmapGrid> grid = new ReadOnlyObjectWrapper<>();

    HeatmapViewModel(ObjectProperty<RunResult> result, Selection selection) {
        this.selection = selection;
        result.addListener((o, a, r) -> grid.set(r == null ? null : HeatmapGrid.of(r)));
    }

    public ReadOnlyObjectProperty<HeatmapGrid> gridProperty() { return grid.getReadOnlyProperty(); }
    public Selection selection() { return selection; }

    public HeatmapGrid grid() {
        return grid.get();
    }

    /** A cell was clicked: that token becomes the selection (or is added with Ctrl), that step the focus. */
    public void click(int token, int step, boolean ctrl, boolean shift) {
        HeatmapGrid g = grid.get();
        if (g == null || token < 0 || token >= g.tokens() || step < 0 || step >= g.steps()) return;
        selection.click(token, ctrl, shift);
        selection.stepProperty().set(step);
    }
}
