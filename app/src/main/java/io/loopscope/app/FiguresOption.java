package io.loopscope.app;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.figure.FigureSet;
import io.loopscope.ui.figure.FigureWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --figures DIR [--format png,svg,pdf] [--tokens 0,3] [--dpi N]}: the workbench's figure set
 * (PC1–2, PC3–4, PC5–6 panels, the paper layout, the convergence heatmap, the metrics and each
 * chosen token's logit lens when the trace recorded its probabilities) written headless by the
 * same chart builders. A picocli mixin: {@code @Mixin FiguresOption figures;} then, after the
 * analysis, {@code figures.write(runs, out)} with each trace as a run ({@code LoadedRuns.of}).
 */
public final class FiguresOption {
    @Option(names = "--figures", paramLabel = "DIR", description = "Also write the figure set (trajectory panels, heatmap, metrics, each token's logit lens) into DIR.")
    Path dir;

    @Option(names = "--format", paramLabel = "png,svg,pdf", defaultValue = "png",
            description = "Figure formats, comma-separated, or all (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--tokens", split = ",", paramLabel = "I", description = "Token indices to draw (default: the last three, as the workbench selects).")
    List<Integer> tokens;

    @Option(names = "--dpi", defaultValue = "300", description = "PNG resolution (default: ${DEFAULT-VALUE}).")
    int dpi = FigureWriter.DEFAULT_DPI;

    /** Whether --figures was given. */
    public boolean requested() {
        return dir != null;
    }

    public Path directory() {
        return dir;
    }

    /** Checks the options before any long work (a typo in --format should fail in a second). */
    public List<FigureFormat> formats() {
        List<FigureFormat> f = FigureFilesOption.checkFormats(format, dpi);
        if (tokens != null) for (int t : tokens) if (t < 0) throw new IllegalArgumentException("--tokens are indices from 0, got " + t);
        if (dir != null && java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--figures " + dir + " is a file; give a folder (it is created when missing)");
        }
        return f;
    }

    /** The figure sets of several runs: each run's files are prefixed by its position when there is more than one. */
    public List<Path> write(List<RunResult> runs, PrintWriter out) throws IOException {
        List<Path> all = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) all.addAll(write(runs.get(i), runs.size() > 1 ? "trace" + (i + 1) + "-" : null, out));
        return all;
    }

    /** The figure set of a run the workbench would show. */
    public List<Path> write(RunResult run, String prefix, PrintWriter out) throws IOException {
        if (!requested()) return List.of();
        List<FigureFormat> f = formats();
        List<Integer> t = tokens == null || tokens.isEmpty() ? lastThree(run.tokens()) : tokens;
        for (int i : t) {
            if (i >= run.tokens()) throw new IllegalArgumentException("--tokens " + i + " is outside the trace's " + run.tokens() + " tokens (0.." + (run.tokens() - 1) + ")");
        }
        FigureSet.Request req = new FigureSet.Request(t, -1, ExitCriterion.KL, ExitCriterion.KL.defaultThreshold(), io.loopscope.ui.chart.ChartStyle.of(false));
        List<Path> written = FigureSet.write(FigureSet.build(run, req), dir, f, dpi, prefix);
        out.println("wrote " + written.size() + " figure files to " + dir + " (tokens " + t + ")");
        return written;
    }

    static List<Integer> lastThree(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = Math.max(0, n - 3); i < n; i++) out.add(i);
        return out;
    }
}
