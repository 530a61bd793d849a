package io.loopscope.ui.chart;

import java.awt.BasicStroke;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The convergence heatmap as in the Huginn paper: one row per token, one column per step, colour =
 * log10 ‖s_i − s*‖ in viridis (dark = close to the final state). Selected rows are outlined, the
 * focused step is a vertical line.
 */
public final class HeatmapChart {
    private final JFreeChart chart;
    private final XYPlot plot;
    private final XYBlockRenderer renderer = new XYBlockRenderer();
    private final DefaultXYZDataset dataset = new DefaultXYZDataset();
    private final PaintScaleLegend colourBar;
    private final ValueMarker stepMarker = new ValueMarker(0);
    private ChartStyle style;
    private HeatmapGrid grid;

    public HeatmapChart(ChartStyle style) {
        this.style = style;
        NumberAxis x = new NumberAxis("step");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setLowerMargin(0);
        x.setUpperMargin(0);
        SymbolAxis y = new SymbolAxis("token", new String[0]);
        y.setInverted(true); // the first token on top, as text reads
        plot = new XYPlot(dataset, x, y, renderer);
        renderer.setDefaultToolTipGenerator((d, series, item) -> {
            int step = (int) d.getXValue(series, item), token = (int) d.getYValue(series, item);
            if (grid == null) return null;
            if (!grid.ran(token, step)) {
                return String.format(Locale.ROOT, "%s · step %d%nnot run: it stopped at step %d", grid.rowLabels().get(token), step, grid.ran()[token]);
            }
            return String.format(Locale.ROOT, "%s · step %d%n‖s_i − s*‖ = %.4g", grid.rowLabels().get(token), step, grid.distance()[token][step]);
        });
        stepMarker.setStroke(new BasicStroke(1.5f));
        plot.addDomainMarker(stepMarker);
        chart = new JFreeChart(null, ChartStyle.TITLE, plot, false);
        NumberAxis scaleAxis = new NumberAxis("log10 ‖s_i − s*‖");
        colourBar = new PaintScaleLegend(new ViridisScale(0, 1), scaleAxis);
        colourBar.setPosition(RectangleEdge.RIGHT);
        colourBar.setStripWidth(14);
        colourBar.setMargin(8, 4, 8, 4);
        chart.addSubtitle(colourBar);
        style.apply(chart);
        stepMarker.setPaint(style.marker());
    }

    public JFreeChart chart() {
        return chart;
    }

    public XYPlot plot() {
        return plot;
    }

    public void setStyle(ChartStyle s) {
        style = s;
        style.apply(chart);
        stepMarker.setPaint(style.marker());
    }

    public void setGrid(HeatmapGrid g) {
        this.grid = g;
        chart.setNotify(false);
        try {
            if (dataset.getSeriesCount() > 0) dataset.removeSeries(dataset.getSeriesKey(0));
            if (g == null) return;
            int n = g.tokens() * g.steps();
            double[][] xyz = new double[3][n];
            int k = 0;
            for (int t = 0; t < g.tokens(); t++) {
                for (int s = 0; s < g.steps(); s++, k++) {
                    xyz[0][k] = s;
                    xyz[1][k] = t;
                    double v = g.distance()[t][s];
                    // s* itself is at distance 0: drawn in the darkest colour rather than as a hole; steps a
                    // generated token never ran are holes (NaN: the scale's grey)
                    xyz[2][k] = !g.ran(t, s) ? Double.NaN : v > 0 && Double.isFinite(v) ? Math.log10(v) : g.logMin();
                }
            }
            dataset.addSeries("distance", xyz);
            ViridisScale scale = new ViridisScale(g.logMin(), g.logMax());
            renderer.setPaintScale(scale);
            colourBar.setScale(scale);
            colourBar.getAxis().setRange(g.logMin(), g.logMax());
            SymbolAxis y = new SymbolAxis("token", g.rowLabels().toArray(String[]::new));
            y.setInverted(true);
            y.setGridBandsVisible(false);
            plot.setRangeAxis(y);
            plot.getDomainAxis().setRange(-0.5, g.steps() - 0.5);
            y.setRange(-0.5, g.tokens() - 0.5);
            style.apply(chart);
        } finally {
            chart.setNotify(true);
        }
    }

    /** Outlines the selected rows and marks the focused step. */
    public void highlight(List<Integer> tokens, int step) {
        if (grid == null) return;
        chart.setNotify(false);
        try {
            plot.clearAnnotations();
            for (int t : tokens) {
                plot.addAnnotation(new XYShapeAnnotation(new Rectangle2D.Double(-0.5, t - 0.5, grid.steps(), 1),
                        new BasicStroke(2f), style.marker()), false);
            }
            stepMarker.setValue(step);
        } finally {
            chart.setNotify(true);
        }
    }
}
