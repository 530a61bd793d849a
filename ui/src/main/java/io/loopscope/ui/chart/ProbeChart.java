package io.loopscope.ui.chart;

import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.ui.colour.Colours;
import io.loopscope.ui.engine.ProbeResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A probe's accuracy at every iteration (iteration 0 is s₀), with the control task beside it (random
 * labels from the same classes: it must stay on the chance line), the lens's own accuracy where it
 * was measured, and a dotted line at chance. The summary line sits under the title.
 */
public final class ProbeChart {
    private final JFreeChart chart;
    private final XYPlot plot;
    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    private final TextTitle summary = new TextTitle("");
    private ChartStyle style;
    private ProbeResult data;
    private ProbeLayerView view = ProbeLayerView.BLOCK;

    public ProbeChart(ChartStyle style) {
        this.style = style;
        NumberAxis iteration = new NumberAxis("iteration (0 = s₀)");
        iteration.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis accuracy = new NumberAxis("held-out accuracy");
        accuracy.setRange(0, 1.02);
        // twenty ticks of 0.05 crowd a short panel; one decimal throughout, "1.0" beside "0.9"
        accuracy.setTickUnit(new NumberTickUnit(0.1, new java.text.DecimalFormat("0.0", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))));
        renderer.setDefaultToolTipGenerator((d, s, item) -> String.format(Locale.ROOT, "%s · iteration %d: %.2f",
                d.getSeriesKey(s), (int) d.getXValue(s, item), d.getYValue(s, item)));
        plot = new XYPlot(dataset, iteration, accuracy, renderer);
        chart = new JFreeChart(null, ChartStyle.TITLE, plot, true);
        chart.getLegend().setPosition(RectangleEdge.TOP);
        summary.setFont(ChartStyle.LABEL);
        summary.setPosition(RectangleEdge.TOP);
        chart.addSubtitle(0, summary);
        style.apply(chart);
    }

    public JFreeChart chart() {
        return chart;
    }

    /** The summary line under the title: on screen the view shows it above the chart, a figure carries it. */
    public void setSummaryVisible(boolean visible) {
        summary.setVisible(visible);
    }

    public void setStyle(ChartStyle s) {
        style = s;
        style.apply(chart);
        if (data != null) setData(data, view);
    }

    /** The curves of d as it opens ({@link ProbeLayerView#defaultFor}); null: empty. */
    public void setData(ProbeResult d) {
        setData(d, ProbeLayerView.defaultFor(d));
    }

    /** The curves of d seen as view (a view d cannot show falls back to its default); null: empty. */
    public void setData(ProbeResult d, ProbeLayerView view) {
        this.data = d;
        this.view = view != null && view.fits(d) ? view : ProbeLayerView.defaultFor(d);
        chart.setNotify(false);
        try {
            dataset.removeAllSeries();
            plot.clearRangeMarkers();
            LegendTitle legend = chart.getLegend();
            if (d == null) {
                chart.setTitle((String) null);
                summary.setText("");
                if (legend != null) legend.setVisible(false);
                return;
            }
            ProbeCurve c = d.curve();
            boolean iterationProbe = d.settings().label() == ProbeLabel.ITERATION;
            if (this.view == ProbeLayerView.EVERY) everyLayer(c);
            else oneProbe(c, iterationProbe, this.view);
            ValueMarker chance = new ValueMarker(c.chance(), style.marker(), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1, new float[] {2, 3}, 0));
            chance.setLabel(String.format(Locale.ROOT, "chance %.2f (1/%d)", c.chance(), c.classes()));
            chance.setLabelFont(ChartStyle.TICK);
            chance.setLabelPaint(style.text());
            chance.setLabelBackgroundColor(new Color(0, 0, 0, 0));
            // under the line: the control hovers just above and below chance, the band under it is empty
            chance.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            chance.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addRangeMarker(chance);
            plot.getDomainAxis().setRange(-0.3, Math.max(1, c.points().getLast().iteration()) + 0.3);
            plot.getRangeAxis().setLabel(iterationProbe ? "held-out recall" : "held-out accuracy");
            chart.setTitle(d.title() + (this.view == ProbeLayerView.BLOCK || !c.hasLayers() ? "" : " · " + this.view));
            summary.setText(d.summary());
            if (legend != null) legend.setVisible(true);
            style.apply(chart);
            summary.setFont(ChartStyle.LABEL);
        } finally {
            chart.setNotify(true);
        }
    }

    /** The block output's probe or one layer's, its control and the lens (measured at the block output). */
    private void oneProbe(ProbeCurve c, boolean iterationProbe, ProbeLayerView v) {
        String name = v.isLayer() ? v + " probe" : iterationProbe ? "probe (recall of each iteration)" : "probe";
        XYSeries probe = new XYSeries(name, false, true);
        XYSeries control = new XYSeries(iterationProbe ? "control (random iterations)" : v.isLayer() ? v + " control (random labels)"
                : "control (random labels)", false, true);
        XYSeries lens = new XYSeries(v.isLayer() ? "lens at the block output" : "lens (top-1 is the label)", false, true);
        for (ProbeCurve.Point p : c.points()) {
            if (v.isLayer()) {
                p.layer(v.layer()).ifPresent(l -> { // s_0 comes out of no layer: the layer's curve starts at iteration 1
                    probe.add(p.iteration(), l.accuracy());
                    control.add(p.iteration(), l.controlAccuracy());
                });
            } else {
                probe.add(p.iteration(), p.accuracy());
                control.add(p.iteration(), p.controlAccuracy()); // NaN: no state drew that random iteration, a gap
            }
            if (!Double.isNaN(p.lensAccuracy())) lens.add(p.iteration(), p.lensAccuracy());
        }
        dataset.addSeries(probe);
        dataset.addSeries(control);
        if (!lens.isEmpty()) dataset.addSeries(lens);
        renderer.setSeriesPaint(0, Colours.awt(Colours.series(0)));
        renderer.setSeriesStroke(0, new BasicStroke(2.2f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        renderer.setSeriesPaint(1, Colours.awt(Colours.series(6)));
        renderer.setSeriesStroke(1, dashed(1.6f));
        renderer.setSeriesShape(1, new Rectangle2D.Double(-2.5, -2.5, 5, 5));
        renderer.setSeriesPaint(2, Colours.awt(Colours.series(1)));
        renderer.setSeriesStroke(2, new BasicStroke(1.8f));
        renderer.setSeriesShape(2, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
    }

    /**
     * A curve per loop layer, first to last along viridis (its bright end left out: yellow is lost on a
     * light background), then the highest control of any layer: one line says whether any layer's probe
     * memorised. The lens, at the block output, last.
     */
    private void everyLayer(ProbeCurve c) {
        java.util.List<Integer> layers = c.layers();
        for (int l = 0; l < layers.size(); l++) {
            int j = layers.get(l);
            XYSeries s = new XYSeries(ProbeLayerView.name(j), false, true);
            for (ProbeCurve.Point p : c.points()) p.layer(j).ifPresent(x -> s.add(p.iteration(), x.accuracy()));
            dataset.addSeries(s);
            renderer.setSeriesPaint(l, io.loopscope.ui.colour.Viridis.awt(layers.size() == 1 ? 0 : 0.8 * l / (layers.size() - 1)));
            renderer.setSeriesStroke(l, new BasicStroke(2f));
            renderer.setSeriesShape(l, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        XYSeries control = new XYSeries("control (highest of the layers)", false, true);
        XYSeries lens = new XYSeries("lens at the block output", false, true);
        for (ProbeCurve.Point p : c.points()) {
            p.layers().stream().mapToDouble(ProbeCurve.LayerPoint::controlAccuracy).max().ifPresent(m -> control.add(p.iteration(), m));
            if (!Double.isNaN(p.lensAccuracy())) lens.add(p.iteration(), p.lensAccuracy());
        }
        int at = layers.size();
        dataset.addSeries(control);
        renderer.setSeriesPaint(at, Colours.awt(Colours.series(6)));
        renderer.setSeriesStroke(at, dashed(1.6f));
        renderer.setSeriesShape(at, new Rectangle2D.Double(-2.5, -2.5, 5, 5));
        if (!lens.isEmpty()) {
            dataset.addSeries(lens);
            renderer.setSeriesPaint(at + 1, Colours.awt(Colours.series(1)));
            renderer.setSeriesStroke(at + 1, dashed(1.4f));
            renderer.setSeriesShape(at + 1, new Ellipse2D.Double(-2, -2, 4, 4));
        }
    }

    private static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0);
    }
}
