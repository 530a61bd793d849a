package io.loopscope.ui.figure;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.GeneratedSteps;
import io.loopscope.ui.chart.HeatmapGrid;
import io.loopscope.ui.chart.LensCurves;
import io.loopscope.ui.chart.MetricsData;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.chart.PlaneData;
import io.loopscope.ui.chart.Planes;
import io.loopscope.ui.engine.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The paper's figure set for one run — PC1–2, PC3–4 and PC5–6 panels (each alone and side by side),
 * the convergence heatmap, the metrics, the logit lens of each chosen token and, for a generation, the
 * iterations per generated token (steps-per-token) — used by File → Export
 * → Figure set, by {@code analyze --figures} and by {@code demo --figures}: one code path for all three.
 */
public final class FigureSet {

    /**
     * What the set shows.
     *
     * @param tokens    the tokens whose trajectories and metrics are drawn (the heatmap shows every token and outlines these)
     * @param step      trajectories are drawn up to this step; the heatmap marks it (-1: whole paths, no marker)
     * @param criterion exit criterion of the metrics' exit markers
     * @param threshold its threshold
     * @param style     light or dark chart colours
     */
    public record Request(List<Integer> tokens, int step, ExitCriterion criterion, double threshold, ChartStyle style) {
        public Request {
            tokens = List.copyOf(tokens);
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(style, "style");
        }

        /** The defaults of a fresh run in the workbench, printed in the light theme. */
        public static Request defaults(List<Integer> tokens) {
            return new Request(tokens, -1, ExitCriterion.KL, ExitCriterion.KL.defaultThreshold(), ChartStyle.of(false));
        }
    }

    private FigureSet() {
    }

    /** The figures of run r; throws IllegalArgumentException for tokens outside the run. */
    public static List<Figure> build(RunResult r, Request q) {
        for (int t : q.tokens()) {
            if (t < 0 || t >= r.tokens()) throw new IllegalArgumentException("token " + t + " is outside the run's " + r.tokens() + " tokens (0.." + (r.tokens() - 1) + ")");
        }
        if (q.tokens().isEmpty()) throw new IllegalArgumentException("no tokens chosen for the figures");
        int upTo = q.step() < 0 ? r.iterations() : Math.min(q.step(), r.iterations());
        List<Figure> out = new ArrayList<>();
        int k = r.analysis().components();
        List<PlaneData> planes = new ArrayList<>();
        for (PcPair p : Planes.paperPairs(k)) planes.add(Planes.plane(r, p, q.tokens()));
        for (PlaneData p : planes) out.add(Figures.trajectory(p, upTo, q.style()));
        if (planes.size() > 1) out.add(Figures.panels(planes, upTo, q.style()));
        out.add(Figures.heatmap(HeatmapGrid.of(r), q.tokens(), q.step(), q.style()));
        out.add(Figures.metrics(MetricsData.of(r, q.tokens(), q.criterion(), q.threshold()), q.style()));
        for (int t : q.tokens()) {
            LensCurves lens = LensCurves.of(r, t);
            if (!lens.curves().isEmpty()) out.add(Figures.lens(lens, q.step(), q.style()).withName("lens-token-" + t));
            LensCurves logit = LensCurves.of(r, t, io.loopscope.ui.engine.LensKind.LOGIT);
            if (!logit.curves().isEmpty()) out.add(Figures.lens(logit, q.step(), q.style()).withName("logit-lens-token-" + t));
        }
        GeneratedSteps steps = GeneratedSteps.of(r);
        if (steps != null && !steps.bars().isEmpty()) out.add(Figures.steps(steps, q.tokens(), q.style()));
        return List.copyOf(out);
    }

    /**
     * Writes every figure in every format into dir (created when missing); returns the files written.
     * Each file is written atomically; on failure the files already written stay and the message says
     * which one failed.
     */
    public static List<Path> write(List<Figure> figures, Path dir, List<FigureFormat> formats, int dpi, String prefix) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException("cannot write figures into " + dir + ": it is a file, not a folder");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the figure folder " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) throw new IOException("cannot write figures: folder " + dir + " is not writable");
        List<Path> written = new ArrayList<>();
        for (Figure f : figures) {
            for (FigureFormat format : formats) {
                Path target = dir.resolve((prefix == null ? "" : prefix) + f.name() + "." + format.extension());
                try {
                    FigureWriter.write(f, format, target, dpi);
                } catch (IOException e) {
                    throw new IOException("could not write " + target + ": " + e.getMessage(), e);
                }
                written.add(target);
            }
        }
        return written;
    }
}
