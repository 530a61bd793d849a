package io.loopscope.ui.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.compare.AccuracyCurves;
import io.loopscope.analysis.compare.Census;
import io.loopscope.analysis.compare.CensusRow;
import io.loopscope.analysis.compare.Comparison;
import io.loopscope.analysis.compare.ComparisonSettings;
import io.loopscope.analysis.compare.ModelResult;
import io.loopscope.analysis.motif.Motif;
import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.ComparisonCharts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare-models' three figures draw the comparison's numbers: one colour per model, nothing computed here. */
class ComparisonFiguresTest {
    @TempDir
    Path dir;

    /** Two models: "looped" (r̄ 2, four fixed points and an orbit) and "drifting" (r̄ 1, a slider, a diverging token, three others). */
    static Comparison sample() {
        List<CensusRow> looped = new ArrayList<>();
        for (int i = 0; i < 4; i++) looped.add(new CensusRow(0, "sum", i, Motif.FIXED_POINT, 2 + i, 0.2 + 0.1 * i));
        looped.add(new CensusRow(0, "sum harder", 4, Motif.ORBIT, null, null));
        List<CensusRow> drifting = List.of(new CensusRow(0, "sum", 0, Motif.SLIDER, null, null), new CensusRow(0, "sum", 1, Motif.DIVERGING, null, null),
                new CensusRow(0, "sum", 2, Motif.OTHER, 1, null), new CensusRow(0, "sum", 3, Motif.OTHER, 8, null),
                new CensusRow(0, "sum harder", 4, Motif.OTHER, 8, null));
        ModelResult a = result("looped", 2, new int[] {1, 2, 4, 8, 16}, List.of(0.2, 0.6, 0.9, 0.9, 0.9), List.of(0.0, 0.1, 0.3, 0.4, 0.4), looped);
        ModelResult b = result("drifting", 1, new int[] {1, 2, 4, 8}, List.of(0.1, 0.1, 0.0, 0.0), List.of(0.0, 0.0, 0.0, 0.0), drifting);
        return new Comparison(new ComparisonSettings(10, 1), List.of(a, b));
    }

    private static ModelResult result(String name, int mean, int[] rs, List<Double> in, List<Double> harder, List<CensusRow> rows) {
        AccuracyCurves acc = new AccuracyCurves(rs, 10, Map.of("sum", in), Map.of("sum", harder));
        Map<String, Census> byCategory = new java.util.LinkedHashMap<>();
        byCategory.put("sum", Census.of(rows.stream().filter(r -> r.category().equals("sum")).toList()));
        byCategory.put("sum harder", Census.of(rows.stream().filter(r -> r.category().equals("sum harder")).toList()));
        return new ModelResult(name, "huginn", List.of(), mean, acc, rs[rs.length - 1], 2, Census.of(rows), byCategory);
    }

    @Test
    void accuracyIsOneCurvePerModelInBothPanels() {
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) ComparisonCharts.accuracy(sample(), ChartStyle.of(false)).getPlot();
        List<XYPlot> panels = plot.getSubplots();
        assertEquals(2, panels.size(), "in-distribution above, harder below");
        assertEquals(2, panels.get(0).getDataset().getSeriesCount());
        assertEquals(5, panels.get(0).getDataset().getItemCount(0), "looped: r = 1 … 16");
        assertEquals(4, panels.get(0).getDataset().getItemCount(1), "drifting: r = 1 … 8");
        assertEquals(16.0, panels.get(0).getDataset().getXValue(0, 4));
        assertEquals(0.9, panels.get(0).getDataset().getYValue(0, 4), 1e-12);
        assertEquals(0.4, panels.get(1).getDataset().getYValue(0, 4), 1e-12);
        assertEquals(2, panels.get(0).getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(), "a line at each training mean, r̄ = 1 and 2");
    }

    @Test
    void theCensusHasABarPerModelAndMotifAndNoneForAbsentMotifs() {
        CategoryPlot plot = ComparisonCharts.census(sample(), ChartStyle.of(false)).getCategoryPlot();
        var data = plot.getDataset();
        assertEquals(2, data.getRowCount());
        assertEquals(Motif.values().length, data.getColumnCount());
        assertEquals(4, data.getValue(0, 0).intValue(), "looped: four fixed points");
        assertNull(data.getValue(0, 2), "looped has no slider: no bar (a log axis has no place for 0)");
        assertEquals(1, data.getValue(1, 2).intValue(), "drifting's slider");
        assertEquals(3, data.getValue(1, 4).intValue(), "drifting's three others");
    }

    @Test
    void theExitHistogramsAreSharesOfAllPositionsOnePanelPerModel() throws Exception {
        JFreeChart chart = ComparisonCharts.exits(sample(), ChartStyle.of(false));
        List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
        assertEquals(2, panels.size());
        var looped = panels.get(0).getDataset();
        assertEquals(4, looped.getItemCount(0), "exits at 2, 3, 4 and 5");
        assertEquals(0.2, looped.getYValue(0, 0), 1e-12, "one of five positions (the orbit never exits)");
        Figure f = ComparisonFigures.build(sample(), ChartStyle.of(false)).get(2);
        String svg = FigureWriter.svg(f);
        assertTrue(svg.contains("looped · R = 16 · 5 positions · mean 3.5 · median 3.5 · never exit 20.0 %"), "the looped panel's note");
        assertTrue(svg.contains("drifting · R = 8 · 5 positions · mean 5.7 · median 8.0 · never exit 40.0 %"), "the drifting panel's note");
    }

    @Test
    void allThreeAreWrittenInEveryFormat() throws Exception {
        List<Figure> figures = ComparisonFigures.build(sample(), ChartStyle.of(false));
        assertEquals(List.of(ComparisonFigures.ACCURACY, ComparisonFigures.CENSUS, ComparisonFigures.EXITS), figures.stream().map(Figure::name).toList());
        List<Path> written = FigureSet.write(figures, dir, List.of(FigureFormat.values()), 72, null);
        assertEquals(9, written.size());
        for (Path p : written) assertTrue(Files.size(p) > 2000, p + " is not empty");
        assertFalse(FigureWriter.svg(figures.get(0)).contains("<image"), "vectors, no bitmap");
    }
}
