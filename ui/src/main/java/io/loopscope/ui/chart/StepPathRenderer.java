package io.loopscope.ui.chart;

import io.loopscope.ui.colour.Viridis;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.XYDataset;

/**
 * Trajectories coloured by step, drawn fast: segments and points are collected into one path per
 * colour band and stroked once per band at the end of the pass — 32 draw calls instead of one per
 * segment, which is what keeps animation smooth at 100 tokens × 128 steps.
 *
 * <p>Items past {@code upTo} (the animation's step) are skipped; the axis ranges still cover every
 * step, so the view does not jump while playing.
 */
final class StepPathRenderer extends AbstractXYItemRenderer {
    private static final int BANDS = 32;
    private final Color[] colours = new Color[BANDS];
    private final Path2D.Double[] lines = new Path2D.Double[BANDS];
    private final Path2D.Double[] dots = new Path2D.Double[BANDS];
    private int upTo = Integer.MAX_VALUE;
    private int lastStep = 1;
    private boolean points = true;
    private double prevX, prevY;
    private int seriesDone;

    StepPathRenderer() {
        setFloor(0);
        setDefaultStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    /** The colour map's starting point (the dark theme skips the darkest purples). */
    void setFloor(double floor) {
        for (int b = 0; b < BANDS; b++) colours[b] = Viridis.awt(floor + (1 - floor) * b / (BANDS - 1.0));
    }

    void setUpTo(int step) {
        upTo = step;
    }

    int upTo() {
        return upTo;
    }

    void setLastStep(int last) {
        lastStep = Math.max(1, last);
    }

    void setPoints(boolean on) {
        points = on;
    }

    private int band(int item) {
        return (int) Math.round(Viridis.ofStep(Math.min(item, lastStep), lastStep) * (BANDS - 1));
    }

    @Override
    public XYItemRendererState initialise(Graphics2D g2, Rectangle2D dataArea, XYPlot plot, XYDataset data, PlotRenderingInfo info) {
        XYItemRendererState state = new XYItemRendererState(info) {
            @Override
            public void endSeriesPass(XYDataset dataset, int series, int firstItem, int lastItem, int pass, int passCount) {
                if (++seriesDone == dataset.getSeriesCount()) flush(g2);
            }
        };
        state.setProcessVisibleItemsOnly(false); // trajectories are not ordered by x: every item, always
        for (int b = 0; b < BANDS; b++) {
            lines[b] = new Path2D.Double();
            dots[b] = new Path2D.Double();
        }
        seriesDone = 0;
        return state;
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info, XYPlot plot,
                         ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
                         CrosshairState crosshairState, int pass) {
        if (item > upTo) return;
        double xv = dataset.getXValue(series, item), yv = dataset.getYValue(series, item);
        if (Double.isNaN(xv) || Double.isNaN(yv)) {
            prevX = Double.NaN;
            return;
        }
        double x = domainAxis.valueToJava2D(xv, dataArea, plot.getDomainAxisEdge());
        double y = rangeAxis.valueToJava2D(yv, dataArea, plot.getRangeAxisEdge());
        int b = band(item);
        if (item > 0 && !Double.isNaN(prevX)) {
            lines[b].moveTo(prevX, prevY);
            lines[b].lineTo(x, y);
        }
        if (points) dots[b].append(new Ellipse2D.Double(x - 2.5, y - 2.5, 5, 5), false);
        prevX = x;
        prevY = y;
        EntityCollection entities = state.getEntityCollection();
        if (entities != null) addEntity(entities, new Rectangle2D.Double(x - 4, y - 4, 8, 8), dataset, series, item, x, y);
    }

    private void flush(Graphics2D g2) {
        g2.setStroke(getDefaultStroke());
        for (int b = 0; b < BANDS; b++) {
            g2.setPaint(colours[b]);
            g2.draw(lines[b]);
            if (points) g2.fill(dots[b]);
        }
    }

    @Override
    public int getPassCount() {
        return 1;
    }
}
