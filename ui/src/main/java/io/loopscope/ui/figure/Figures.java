package io.loopscope.ui.figure;

import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.GeneratedSteps;
import io.loopscope.ui.chart.HeatmapChart;
import io.loopscope.ui.chart.HeatmapGrid;
import io.loopscope.ui.chart.LensChart;
import io.loopscope.ui.chart.LensCurves;
import io.loopscope.ui.chart.MetricsChart;
import io.loopscope.ui.chart.MetricsData;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.PlaneData;
import io.loopscope.ui.chart.ProbeChart;
import io.loopscope.ui.chart.RankChart;
import io.loopscope.ui.chart.RankChartData;
import io.loopscope.ui.chart.StepsChart;
import io.loopscope.ui.chart.TrajectoryChart;
import io.loopscope.ui.engine.ProbeResult;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Figures built by the very chart builders the workbench shows ({@link TrajectoryChart},
 * {@link HeatmapChart}, {@link MetricsChart}, {@link StepsChart}, …) from the very chart-layer records they draw on screen.
 * Each call builds fresh chart objects, so exporting never touches (or waits for) the charts on
 * screen, and can run off the FX thread.
 */
public final class Figures {
    /** One trajectory panel: 6 × 5 inches. */
    public static final double PANEL_W = 432, PANEL_H = 360;

    private Figures() {
    }

    /** Any chart as a figure. */
    public static Figure of(String name, JFreeChart chart, double width, double height) {
        return new Figure(name, width, height, (g2, area) -> chart.draw(g2, area));
    }

    public static String planeName(PcPair p) {
        return "trajectories-pc" + (p.x() + 1) + "-pc" + (p.y() + 1);
    }

    /** One PC plane of trajectories, drawn up to step upTo (the animation frame on screen). */
    public static Figure trajectory(PlaneData plane, int upTo, ChartStyle style) {
        TrajectoryChart c = new TrajectoryChart(style);
        c.setData(plane, upTo);
        return of(planeName(plane.pair()), c.chart(), PANEL_W, PANEL_H);
    }

    /** The paper layout: the planes side by side, one colour bar at the right (as on screen). */
    public static Figure panels(List<PlaneData> planes, int upTo, ChartStyle style) {
        if (planes.isEmpty()) throw new IllegalArgumentException("no PC planes to draw (the PCA needs at least two components)");
        List<JFreeChart> charts = new ArrayList<>();
        for (int i = 0; i < planes.size(); i++) {
            TrajectoryChart c = new TrajectoryChart(style);
            c.setData(planes.get(i), upTo);
            c.setColourBarVisible(i == planes.size() - 1);
            charts.add(c.chart());
        }
        double h = PANEL_H * 0.85, w = h * planes.size() + 50; // square plot areas plus the colour bar
        return new Figure("trajectories-paper", w, h, (g2, area) -> {
            // the last panel also carries the colour bar: give it that much more width
            double bar = 50, each = (area.getWidth() - bar) / charts.size();
            for (int i = 0; i < charts.size(); i++) {
                double x = area.getX() + i * each, width = each + (i == charts.size() - 1 ? bar : 0);
                charts.get(i).draw(g2, new Rectangle2D.Double(x, area.getY(), width, area.getHeight()));
            }
        });
    }

    /** Figures side by side in one, each at its own aspect, as wide as its share (Compare's runs A and B on one page). */
    public static Figure row(String name, List<Figure> figures) {
        if (figures.isEmpty()) throw new IllegalArgumentException("no figures to put side by side");
        if (figures.size() == 1) return figures.getFirst().withName(name);
        double w = 0, h = 0;
        for (Figure f : figures) {
            w += f.width();
            h = Math.max(h, f.height());
        }
        double total = w;
        List<Figure> parts = List.copyOf(figures);
        return new Figure(name, w, h, (g2, area) -> {
            double x = area.getX();
            for (Figure f : parts) {
                double width = area.getWidth() * f.width() / total;
                f.body().draw(g2, new Rectangle2D.Double(x, area.getY(), width, area.getHeight()));
                x += width;
            }
        });
    }

    /** The convergence heatmap with the selected rows outlined and the focused step marked (step -1: no marker). */
    public static Figure heatmap(HeatmapGrid grid, List<Integer> tokens, int step, ChartStyle style) {
        HeatmapChart c = new HeatmapChart(style);
        c.setGrid(grid);
        c.highlight(tokens, step);
        double h = Math.min(900, Math.max(260, 90 + 13.0 * grid.tokens()));
        return of("heatmap", c.chart(), 576, h);
    }

    /** The logit lens of one token over steps, with a line at step (−1: none). */
    public static Figure lens(LensCurves curves, int step, ChartStyle style) {
        LensChart c = new LensChart(style);
        c.setData(curves, step);
        return of("lens", c.chart(), 504, 360);
    }

    /** Tracked tokens' ranks over the steps under each lens, with a line at step (−1: none); taller with both lenses. */
    public static Figure ranks(RankChartData data, int step, ChartStyle style) {
        RankChart c = new RankChart(style);
        c.setData(data, step);
        return of("ranks", c.chart(), 504, 180 + 200.0 * data.panels().size());
    }

    /** Step size, lens KL and entropy of the selected tokens with their exit steps. */
    public static Figure metrics(MetricsData data, ChartStyle style) {
        MetricsChart c = new MetricsChart(style);
        c.setData(data);
        return of("metrics", c.chart(), 504, 540);
    }

    /** A probe's accuracy per iteration beside its control, the lens and chance. */
    public static Figure probe(ProbeResult probe, ChartStyle style) {
        return probe(probe, io.loopscope.ui.chart.ProbeLayerView.defaultFor(probe), style);
    }

    /** As above, seen as the Probes view's layer choice shows it (a layer's file name says which: probe-answer-layer-0). */
    public static Figure probe(ProbeResult probe, io.loopscope.ui.chart.ProbeLayerView view, ChartStyle style) {
        ProbeChart c = new ProbeChart(style);
        c.setData(probe, view);
        String suffix = view.isLayer() ? "-layer-" + view.layer() : view == io.loopscope.ui.chart.ProbeLayerView.EVERY && probe.curve().hasLayers() ? "-layers" : "";
        return of("probe-" + probe.settings().label().id() + suffix, c.chart(), 648, 400);
    }

    /** Iterations per generated token with the line at R; wider for long answers, so bars stay readable. */
    public static Figure steps(GeneratedSteps steps, List<Integer> selected, ChartStyle style) {
        StepsChart c = new StepsChart(style);
        c.setData(steps, selected);
        return of("steps-per-token", c.chart(), Math.min(1440, Math.max(504, 120 + 22.0 * steps.bars().size())), 330);
    }
}
