package io.loopscope.ui.chart;

import io.loopscope.ui.colour.Colours;
import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The logit lens of one token over steps: one line per token that is ever the top guess, its
 * probability at each step, and a vertical line at the step a figure is about.
 */
public final class LensChart {
    private final JFreeChart chart;
    private final XYPlot plot;
    private final ChartStyle style;

    public LensChart(ChartStyle style) {
        this.style = style;
        NumberAxis step = new NumberAxis("step");
        step.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis probability = new NumberAxis("lens probability");
        probability.setRange(0, 1.02);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDefaultToolTipGenerator((d, s, item) -> String.format(Locale.ROOT, "'%s' · step %d: %.3f",
                d.getSeriesKey(s), (int) d.getXValue(s, item), d.getYValue(s, item)));
        plot = new XYPlot(new XYSeriesCollection(), step, probability, r);
        chart = new JFreeChart(null, ChartStyle.TITLE, plot, true);
        chart.getLegend().setPosition(RectangleEdge.TOP);
        style.apply(chart);
    }

    public JFreeChart chart() {
        return chart;
    }

    /** The curves, with a marker at step (−1: none). */
    public void setData(LensCurves data, int step) {
        chart.setNotify(false);
        try {
            chart.setTitle(data.title());
            style.apply(chart);
            XYSeriesCollection c = (XYSeriesCollection) plot.getDataset();
            c.removeAllSeries();
            XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
            int last = 1;
            for (int k = 0; k < data.curves().size(); k++) {
                LensCurves.Curve curve = data.curves().get(k);
                XYSeries xy = new XYSeries("'" + curve.token() + "'", false, true);
                double[] p = curve.probability();
                for (int s = 0; s < p.length; s++) xy.add(s, p[s], false); // NaN: out of the top-k, a gap
                last = Math.max(last, p.length - 1);
                c.addSeries(xy);
                r.setSeriesPaint(k, Colours.awt(Colours.series(k)));
                r.setSeriesStroke(k, new BasicStroke(1.8f));
                r.setSeriesShape(k, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            }
            plot.getDomainAxis().setRange(0, last);
            plot.clearDomainMarkers();
            if (step >= 0) plot.addDomainMarker(new ValueMarker(step, style.marker(), new BasicStroke(1.2f)));
        } finally {
            chart.setNotify(true);
        }
    }
}
