package io.loopscope.ui.figure;

import io.loopscope.analysis.compare.Comparison;
import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.ComparisonCharts;
import java.util.List;

/** The figures of {@code compare-models}: accuracy vs r, the motif census, the exit-step histograms. */
public final class ComparisonFigures {
    public static final String ACCURACY = "compare-accuracy", CENSUS = "compare-census", EXITS = "compare-exit-steps";

    private ComparisonFigures() {
    }

    public static List<Figure> build(Comparison c, ChartStyle style) {
        double exitsHeight = Math.min(1200, 110 + 150.0 * c.models().size());
        return List.of(
                Figures.of(ACCURACY, ComparisonCharts.accuracy(c, style), 576, 504),
                Figures.of(CENSUS, ComparisonCharts.census(c, style), 576, 360),
                Figures.of(EXITS, ComparisonCharts.exits(c, style), 576, exitsHeight));
    }
}
