package io.loopscope.ui.chart;

import io.loopscope.ui.chart.MetricsData.Series;
import io.loopscope.ui.colour.Colours;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Step size, lens KL and lens entropy over steps, stacked on one step axis, one colour per selected
 * token; dashed verticals mark each token's exit step under the chosen criterion, and a horizontal
 * line the criterion's threshold on the panel it applies to.
 */
public final class MetricsChart {
    private static final String[] TITLES = {"step ‖Δs‖/‖s‖", "lens KL (nats)", "lens entropy (nats)"}; // short: a stacked panel is only a third of the height
    private static final LogTickFormat NUMBERS = new LogTickFormat(); // stateless: the log axes and the threshold label share it
    private final JFreeChart chart;
    private final CombinedDomainXYPlot combined;
    private final XYPlot[] panels = new XYPlot[3];
    private ChartStyle style;
    private MetricsData data;

    public MetricsChart(ChartStyle style) {
        this.style = style;
        NumberAxis step = new NumberAxis("step");
        step.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        combined = new CombinedDomainXYPlot(step);
        combined.setGap(12);
        for (int i = 0; i < 3; i++) {
            ValueAxis axis = i < 2 ? logAxis(TITLES[i]) : new NumberAxis(TITLES[i]);
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setDefaultToolTipGenerator((d, s, item) -> String.format(Locale.ROOT, "%s · step %d: %.4g",
                    d.getSeriesKey(s), (int) d.getXValue(s, item), d.getYValue(s, item)));
            panels[i] = new XYPlot(new XYSeriesCollection(), null, axis, r);
            combined.add(panels[i], 1);
        }
        chart = new JFreeChart(null, ChartStyle.TITLE, combined, true);
        chart.getLegend().setPosition(RectangleEdge.TOP);
        style.apply(chart);
    }

    private static LogAxis logAxis(String label) {
        LogAxis a = new LogAxis(label);
        a.setSmallestValue(1e-12);
        a.setBase(10);
        a.setLabelFont(ChartStyle.LABEL);
        a.setNumberFormatOverride(NUMBERS);
        return a;
    }

    public JFreeChart chart() {
        return chart;
    }

    public void setStyle(ChartStyle s) {
        style = s;
        style.apply(chart);
        if (data != null) setData(data);
    }

    public void setData(MetricsData d) {
        this.data = d;
        chart.setNotify(false);
        try {
            for (XYPlot p : panels) {
                p.clearDomainMarkers();
                p.clearRangeMarkers();
            }
            if (d == null) {
                for (XYPlot p : panels) ((XYSeriesCollection) p.getDataset()).removeAllSeries();
                return;
            }
            fill(panels[0], d, Series::stepSize, true);
            fill(panels[1], d, Series::kl, true);
            fill(panels[2], d, Series::entropy, false);
            for (int k = 0; k < d.series().size(); k++) {
                Series s = d.series().get(k);
                if (s.exitStep() < 0) continue;
                for (int i = 0; i < panels.length; i++) {
                    ValueMarker m = new ValueMarker(s.exitStep(), Colours.awt(Colours.series(k)),
                            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {5, 4}, 0));
                    // no text on these lines: nearby exit steps made labels overlap; the bar above the chart lists them
                    panels[i].addDomainMarker(m);
                }
            }
            int tp = MetricsData.thresholdPanel(d.criterion());
            if (tp >= 0 && d.threshold() > 0) {
                ValueMarker t = new ValueMarker(d.threshold(), style.marker(), new BasicStroke(1f));
                t.setLabel(d.criterion().id() + " threshold " + NUMBERS.format(d.threshold()));
                t.setLabelPaint(style.text());
                t.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
                t.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                panels[tp].addRangeMarker(t);
            }
            combined.getDomainAxis().setRange(0, Math.max(1, d.lastStep()));
            LegendTitle legend = chart.getLegend();
            if (legend != null) legend.setVisible(!d.series().isEmpty());
        } finally {
            chart.setNotify(true);
        }
    }

    private void fill(XYPlot plot, MetricsData d, Function<Series, double[]> values, boolean log) {
        XYSeriesCollection c = (XYSeriesCollection) plot.getDataset();
        c.removeAllSeries();
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int k = 0; k < d.series().size(); k++) {
            Series s = d.series().get(k);
            XYSeries xy = new XYSeries(s.label(), false, true);
            double[] v = values.apply(s);
            for (int i = 0; i < v.length; i++) {
                // a log axis cannot show 0 or NaN: those steps become gaps
                double y = log && !(v[i] > 0) ? Double.NaN : v[i];
                xy.add(i, y, false);
            }
            c.addSeries(xy);
            Color col = Colours.awt(Colours.series(k));
            r.setSeriesPaint(k, col);
            r.setSeriesStroke(k, new BasicStroke(1.8f));
            // only the first panel contributes legend items: the same tokens in all three
            r.setSeriesVisibleInLegend(k, plot == panels[0]);
        }
    }
}
