package io.loopscope.ui.demo;

import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.figure.Figure;
import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.figure.FigureSet;
import io.loopscope.ui.views.ViewType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A demo's figures, headless: the figure set of run A for every token the tour talks about, and the
 * figures of each tour step's view ({@link ViewType#figures}, as File → Export → Current view draws
 * it) for its tokens and step — drawn by the same builders as the workbench.
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
            // B in A's axes, as the Compare view draws it; in its own only when it has no projection
            RunResult b = runs.bInFrameOfA() != null ? runs.bInFrameOfA() : runs.b();
            out.addAll(s.view().figures(new ViewType.FigureRequest(a, b, tokens, -1, s.step(), DemoRuns.criterion(d), DemoRuns.threshold(d),
                    new PcPair(0, 1), new PcPair(0, 1), false, io.loopscope.ui.engine.LensKind.CODA, null, style, String.format("tour-%d-%s", i + 1, s.view().id()))));
        }
        return out;
    }

    /** The step a tour step shows in run: its own, capped at the run's end; "the end" (no step) is the run's own end, so a longer run B is drawn to its last step. */
    static int stepIn(Demo.Step s, RunResult run) {
        return ViewType.FigureRequest.upTo(s.step(), run);
    }

    public static List<Path> write(Demo d, DemoRuns runs, Path dir, List<FigureFormat> formats, int dpi) throws IOException {
        return FigureSet.write(build(d, runs), dir, formats, dpi, null);
    }
}
