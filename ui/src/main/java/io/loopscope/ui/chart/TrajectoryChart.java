package io.loopscope.ui.chart;

import io.loopscope.ui.colour.Viridis;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One PC plane of trajectories. Paths are coloured by step (viridis, with a colour bar); open circles
 * mark s0, filled diamonds the current step, crosses each token's centre of mass.
 *
 * <p>Animation never rebuilds the path dataset: {@link #showUpTo} only moves the renderer's cut-off
 * and swaps the small marker dataset, so each frame is one redraw (jfreechart-fx redraws on every
 * dataset change event, so per-point updates would stutter at 100 tokens × 128 steps).
 */
public final class TrajectoryChart {
    private static final int MAX_POINTS_WITH_SHAPES = 3000;
    private final JFreeChart chart;
    private final XYPlot plot;
    private final StepPathRenderer paths = new StepPathRenderer();
    private final XYLineAndShapeRenderer markers = new XYLineAndShapeRenderer(false, true);
    /** Between a point and its label: 16 px at the labels' 11 pt, clear of the current-step diamond (7 px and its outline). */
    private static final String LABEL_GAP = "    ";
    private final XYSeriesCollection pathData = new XYSeriesCollection();
    private final DefaultXYDataset markerData = new DefaultXYDataset();
    private final PaintScaleLegend colourBar;
    private ChartStyle style;
    private PlaneData data;

    public TrajectoryChart(ChartStyle style) {
        this.style = style;
        NumberAxis x = new NumberAxis("PC1"), y = new NumberAxis("PC2");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        x.setUpperMargin(0.12); // room for the token labels at the right-most points
        plot = new XYPlot(pathData, x, y, paths);
        plot.setDataset(1, markerData);
        plot.setRenderer(1, markers);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD); // markers over paths
        paths.setDefaultToolTipGenerator((dataset, series, item) -> tooltip(series, item));
        markers.setDefaultToolTipGenerator((dataset, series, item) -> markerTooltip(series, item));
        chart = new JFreeChart(null, ChartStyle.TITLE, plot, false);
        NumberAxis stepAxis = new NumberAxis("step");
        stepAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        colourBar = new PaintScaleLegend(new ViridisScale(0, 1), stepAxis);
        colourBar.setPosition(RectangleEdge.RIGHT);
        colourBar.setStripWidth(12);
        colourBar.setMargin(8, 4, 8, 4);
        chart.addSubtitle(colourBar);
        style.apply(chart);
        paths.setFloor(style.viridisFloor());
    }

    public JFreeChart chart() {
        return chart;
    }

    public PlaneData data() {
        return data;
    }

    public void setStyle(ChartStyle s) {
        style = s;
        style.apply(chart);
        paths.setFloor(s.viridisFloor());
        if (data != null) colourBar.setScale(new ViridisScale(0, Math.max(1, data.lastStep()), s.viridisFloor()));
        if (data != null) showUpTo(paths.upTo());
    }

    /** Replaces the paths (a new run, selection or pair): one dataset swap, one redraw. */
    public void setData(PlaneData d, int upTo) {
        this.data = d;
        chart.setNotify(false);
        try {
            pathData.removeAllSeries();
            int points = 0;
            for (TokenPath p : d.paths()) {
                XYSeries s = new XYSeries(p.label(), false, true); // never sort: a trajectory's order is its meaning
                for (int i = 0; i < p.steps(); i++) s.add(p.x()[i], p.y()[i], false);
                pathData.addSeries(s);
                points += p.steps();
            }
            paths.setPoints(points <= MAX_POINTS_WITH_SHAPES);
            paths.setLastStep(d.lastStep());
            plot.getDomainAxis().setLabel(d.xLabel());
            plot.getRangeAxis().setLabel(d.yLabel());
            colourBar.setScale(new ViridisScale(0, Math.max(1, d.lastStep()), style.viridisFloor()));
            colourBar.getAxis().setRange(0, Math.max(1, d.lastStep()));
            showUpTo(upTo);
        } finally {
            chart.setNotify(true);
        }
    }

    /**
     * While playing a large plot, draw without anti-aliasing: it costs about a third of each frame in
     * software rendering, and smooth motion matters more than smooth edges until the animation stops.
     */
    public void setPlaying(boolean playing) {
        int points = 0;
        if (data != null) for (TokenPath p : data.paths()) points += p.steps();
        chart.setAntiAlias(!(playing && points > MAX_POINTS_WITH_SHAPES));
    }

    /** Shows steps 0..upTo only (the animation frame). */
    public void showUpTo(int upTo) {
        if (data == null) return;
        chart.setNotify(false);
        try {
            paths.setUpTo(upTo);
            updateMarkers(upTo);
            addLabels(upTo);
        } finally {
            chart.setNotify(true);
        }
    }

    /**
     * One label per current point; tokens whose points would print over each other (settled on
     * nearly the same state) share one label, and points in the right fifth are labelled on their
     * left so the text stays inside the plot.
     */
    private void addLabels(int upTo) {
        plot.clearAnnotations();
        List<TokenPath> ps = data.paths();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (TokenPath p : ps) {
            for (int i = 0; i < p.steps(); i++) {
                minX = Math.min(minX, p.x()[i]);
                maxX = Math.max(maxX, p.x()[i]);
                minY = Math.min(minY, p.y()[i]);
                maxY = Math.max(maxY, p.y()[i]);
            }
        }
        double width = Math.max(maxX - minX, 1e-12), height = Math.max(maxY - minY, 1e-12);
        Font f = new Font("SansSerif", Font.BOLD, 11);
        boolean[] labelled = new boolean[ps.size()];
        for (int a = 0; a < ps.size(); a++) {
            if (labelled[a]) continue;
            int ia = Math.min(upTo, ps.get(a).steps() - 1);
            double x = ps.get(a).x()[ia], y = ps.get(a).y()[ia];
            StringBuilder text = new StringBuilder(ps.get(a).label());
            for (int b = a + 1; b < ps.size(); b++) {
                int ib = Math.min(upTo, ps.get(b).steps() - 1);
                if (!labelled[b] && Math.abs(ps.get(b).x()[ib] - x) < 0.08 * width && Math.abs(ps.get(b).y()[ib] - y) < 0.04 * height) {
                    text.append(", ").append(ps.get(b).label());
                    labelled[b] = true;
                }
            }
            boolean rightEdge = x > minX + 0.8 * width;
            XYTextAnnotation label = new XYTextAnnotation(rightEdge ? text + LABEL_GAP : LABEL_GAP + text, x, y);
            label.setTextAnchor(rightEdge ? TextAnchor.HALF_ASCENT_RIGHT : TextAnchor.HALF_ASCENT_LEFT);
            label.setFont(f);
            label.setPaint(style.text());
            plot.addAnnotation(label, false);
        }
    }

    private void updateMarkers(int upTo) {
        List<TokenPath> ps = data.paths();
        double[][] start = new double[2][ps.size()], now = new double[2][ps.size()], com = new double[2][ps.size()];
        for (int k = 0; k < ps.size(); k++) {
            TokenPath p = ps.get(k);
            int i = Math.min(upTo, p.steps() - 1);
            start[0][k] = p.x()[0];
            start[1][k] = p.y()[0];
            now[0][k] = p.x()[i];
            now[1][k] = p.y()[i];
            com[0][k] = p.comX();
            com[1][k] = p.comY();
        }
        // series keys double as the tooltips of the markers
        // fixed keys: addSeries replaces a series with the same key; a new key per frame would pile up series
        markerData.addSeries("start s0", start);
        markerData.addSeries("current step", now);
        markerData.addSeries("centre of mass", com);
        markers.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
        markers.setSeriesShapesFilled(0, false);
        markers.setSeriesShape(1, diamond(7));
        markers.setSeriesShape(2, cross(6));
        markers.setUseOutlinePaint(true);
        markers.setDefaultOutlineStroke(new BasicStroke(2f));
        markers.setSeriesStroke(0, new BasicStroke(2f));
        markers.setSeriesPaint(0, style.marker());
        markers.setSeriesOutlinePaint(0, style.marker());
        double f = style.viridisFloor();
        markers.setSeriesPaint(1, Viridis.awt(f + (1 - f) * Viridis.ofStep(upTo, data.lastStep())));
        markers.setSeriesOutlinePaint(1, style.marker());
        markers.setSeriesPaint(2, new java.awt.Color(0xD55E00));
        markers.setSeriesOutlinePaint(2, new java.awt.Color(0xD55E00));
    }

    private String markerTooltip(int series, int item) {
        if (data == null || item >= data.paths().size()) return null;
        TokenPath p = data.paths().get(item);
        return p.label() + switch (series) {
            case 0 -> " · start s0";
            case 1 -> " · step " + Math.min(paths.upTo(), p.steps() - 1);
            default -> " · centre of mass";
        };
    }

    /** The paper layout shows one colour bar for three panels. */
    public void setColourBarVisible(boolean visible) {
        colourBar.setVisible(visible);
    }

    private String tooltip(int series, int item) {
        if (data == null || series >= data.paths().size()) return null;
        TokenPath p = data.paths().get(series);
        return String.format(Locale.ROOT, "%s · step %d%n‖s_i − s*‖ = %.4g%nlens top-1: %s", p.label(), item,
                p.distance()[item], p.top1()[item]);
    }

    private static Shape diamond(double r) {
        Path2D.Double d = new Path2D.Double();
        d.moveTo(0, -r);
        d.lineTo(r, 0);
        d.lineTo(0, r);
        d.lineTo(-r, 0);
        d.closePath();
        return d;
    }

    private static Shape cross(double r) {
        Path2D.Double c = new Path2D.Double();
        c.append(new Rectangle2D.Double(-r, -1.5, 2 * r, 3), false);
        c.append(new Rectangle2D.Double(-1.5, -r, 3, 2 * r), false);
        return c;
    }
}
