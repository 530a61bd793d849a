package io.loopscope.ui.demo;

import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.HeatmapGrid;
import io.loopscope.ui.chart.LensCurves;
import io.loopscope.ui.chart.MetricsData;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.Planes;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.figure.Figure;
import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.figure.FigureSet;
import io.loopscope.ui.figure.Figures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A demo's figures, headless: the figure set of run A for every token the tour talks about, and one
 * figure per tour step showing what that step shows (its view, tokens and step) — drawn by the same
 * builders as the workbench.
 */
public final class DemoFigures {
    private DemoFigures() {
    }

    public static List<Figure> build(Demo d, DemoRuns runs) {
        RunResult a = runs.a();
        Set<Integer> all = new LinkedHashSet<>();
        for (Demo.Step s : d.tour()) for (int t : s.tokens()) if (t < a.tokens()) all.add(t);
        if (all.isEmpty()) all.add(a.tokens() - 1);
        ChartStyle style = ChartStyle.of(false);
        List<Figure> out = new ArrayList<>(FigureSet.build(a,
                new FigureSet.Request(List.copyOf(all), -1, DemoRuns.criterion(d), DemoRuns.threshold(d), style)));
        for (int i = 0; i < d.tour().size(); i++) {
            Demo.Step s = d.tour().get(i);
            List<Integer> tokens = s.tokens().stream().filter(t -> t < a.tokens()).toList();
            if (tokens.isEmpty()) tokens = List.copyOf(all);
            int step = stepIn(s, a);
            String name = String.format("tour-%d-%s", i + 1, s.view());
            switch (s.view()) {
                case "heatmap" -> out.add(Figures.heatmap(HeatmapGrid.of(a), tokens, step, style).withName(name));
                case "metrics" -> out.add(Figures.metrics(MetricsData.of(a, tokens, DemoRuns.criterion(d), DemoRuns.threshold(d)), style).withName(name));
                case "compare" -> {
                    if (runs.b() == null) break;
                    // B in A's axes, as the Compare view draws it; in its own only when it has no projection
                    RunResult b = runs.bInFrameOfA() != null ? runs.bInFrameOfA() : runs.b();
                    List<Integer> tb = tokens.stream().filter(t -> t < b.tokens()).toList();
                    out.add(Figures.trajectory(Planes.plane(a, new PcPair(0, 1), tokens), step, style).withName(name + "-a"));
                    out.add(Figures.trajectory(Planes.plane(b, new PcPair(0, 1), tb), stepIn(s, b), style).withName(name + "-b"));
                }
                // the lens of each token the step names, as curves (the GUI shows it as a table)
                case "lens" -> {
                    for (int t : tokens) {
                        LensCurves lens = LensCurves.of(a, t);
                        String named = tokens.size() == 1 ? name : name + "-" + t;
                        out.add(lens.curves().isEmpty()
                                ? Figures.trajectory(Planes.plane(a, new PcPair(0, 1), List.of(t)), step, style).withName(named)
                                : Figures.lens(lens, step, style).withName(named));
                    }
                }
                // the 3-D waterfall is not a chart; its steps get the trajectory panel
                default -> out.add(Figures.trajectory(Planes.plane(a, new PcPair(0, 1), tokens), step, style).withName(name));
            }
        }
        return out;
    }

    /** The step a tour step shows in run: its own, capped at the run's end; "the end" (no step) is the run's own end, so a longer run B is drawn to its last step. */
    static int stepIn(Demo.Step s, RunResult run) {
        return s.step() < 0 ? run.iterations() : Math.min(s.step(), run.iterations());
    }

    public static List<Path> write(Demo d, DemoRuns runs, Path dir, List<FigureFormat> formats, int dpi) throws IOException {
        return FigureSet.write(build(d, runs), dir, formats, dpi, null);
    }
}
