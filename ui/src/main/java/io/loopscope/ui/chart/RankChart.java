package io.loopscope.ui.chart;

import io.loopscope.ui.colour.Colours;
import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Tracked tokens' ranks over the steps, one panel per lens stacked on one step axis: a log rank axis
 * with rank 1 (the lens's top guess) at the top, one colour per token in both panels, and a vertical
 * line at the focused step.
 */
public final class RankChart {
    private static final LogTickFormat NUMBERS = new LogTickFormat();
    private final JFreeChart chart;
    private final CombinedDomainXYPlot combined;
    private final List<XYPlot> panels = new ArrayList<>();
    private ChartStyle style;
    private RankChartData data;
    private int step = -1;

    public RankChart(ChartStyle style) {
        this.style = style;
        NumberAxis steps = new NumberAxis("step");
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        combined = new CombinedDomainXYPlot(steps);
        combined.setGap(14);
        chart = new JFreeChart(null, ChartStyle.TITLE, combined, true);
        chart.getLegend().setPosition(RectangleEdge.TOP);
        style.apply(chart);
    }

    public JFreeChart chart() {
        return chart;
    }

    public void setStyle(ChartStyle s) {
        style = s;
        if (data != null) setData(data, step);
        else style.apply(chart);
    }

    /** The ranks, with a marker at step (−1: none); null clears the chart. */
    public void setData(RankChartData d, int step) {
        this.data = d;
        this.step = step;
        chart.setNotify(false);
        try {
            for (XYPlot p : panels) combined.remove(p);
            panels.clear();
            chart.setTitle(d == null ? null : d.title());
            if (d != null) {
                double far = farRank(d);
                for (RankChartData.Panel panel : d.panels()) {
                    XYPlot p = panel(panel, d.tokens(), far, d.vocab());
                    panels.add(p);
                    combined.add(p, 1);
                }
                combined.getDomainAxis().setRange(0, Math.max(1, d.lastStep()));
            }
            style.apply(chart);
            chart.getLegend().setVisible(d != null && !d.tokens().isEmpty());
            showStep(step);
        } finally {
            chart.setNotify(true);
        }
    }

    /** Moves the focused step's line. */
    public void showStep(int s) {
        step = s;
        for (XYPlot p : panels) {
            p.clearDomainMarkers();
            if (s >= 0) p.addDomainMarker(new ValueMarker(s, style.marker(), new BasicStroke(1.2f)));
        }
    }

    private XYPlot panel(RankChartData.Panel panel, List<String> tokens, double far, int vocab) {
        LogAxis rank = new LogAxis(panel.lens().title() + " rank" + (vocab > 0 ? " (of " + vocab + ")" : ""));
        rank.setBase(10);
        rank.setSmallestValue(1);
        rank.setInverted(true);          // rank 1, the top guess, at the top
        rank.setRange(0.8, far);         // a little room above rank 1 so its points are not on the frame
        // ranks are whole: 1, 2, 4, 8 … over a small vocabulary, decades over a large one (LogAxis' own units give 1.6, 2.5, 6.3)
        rank.setTickUnit(new NumberTickUnit(far > 2000 ? 1 : Math.log10(2)));
        rank.setMinorTickCount(far > 2000 ? 9 : 1);
        rank.setNumberFormatOverride(NUMBERS);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDefaultToolTipGenerator((ds, s, item) -> String.format(Locale.ROOT, "%s · %s · step %d: rank %d",
                ds.getSeriesKey(s), panel.lens().title(), (int) ds.getXValue(s, item), (int) ds.getYValue(s, item)));
        XYSeriesCollection lines = new XYSeriesCollection();
        for (int k = 0; k < panel.ranks().size(); k++) {
            XYSeries xy = new XYSeries(tokens.get(k), false, true);
            double[] v = panel.ranks().get(k);
            for (int s = 0; s < v.length; s++) xy.add(s, v[s], false); // NaN (a core layer at step 0): a gap
            lines.addSeries(xy);
            r.setSeriesPaint(k, Colours.awt(Colours.series(k)));
            r.setSeriesStroke(k, new BasicStroke(1.8f));
            r.setSeriesShape(k, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            r.setSeriesVisibleInLegend(k, panels.isEmpty()); // the same tokens in every panel: one legend
        }
        return new XYPlot(lines, null, rank, r);
    }

    /**
     * The axis's far end: a little past the last place V when the run says what V is, so the worst
     * rank is on the chart; else the power of ten at or past the largest rank drawn (at least 10).
     */
    private static double farRank(RankChartData d) {
        if (d.vocab() > 0) return d.vocab() * 1.25;
        double max = 1;
        for (RankChartData.Panel p : d.panels()) for (double[] v : p.ranks()) for (double x : v) if (x > max) max = x;
        double far = 10;
        while (far < max) far *= 10;
        return far;
    }
}
