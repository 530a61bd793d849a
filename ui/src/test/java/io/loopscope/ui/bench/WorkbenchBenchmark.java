package io.loopscope.ui.bench;

import io.loopscope.inference.testing.Fixtures;
import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.HeatmapChart;
import io.loopscope.ui.chart.MetricsChart;
import io.loopscope.ui.chart.PlaneData;
import io.loopscope.ui.chart.TrajectoryChart;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.vm.WorkbenchViewModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Prompt → every view model and chart dataset updated, for 32 tokens × 64 iterations (the issue's
 * quality bar), plus the animation frame cost at 100 tokens × 128 steps. A benchmark, not a test:
 * run it by hand and read the medians.
 *
 * <pre>
 * mvn -q -o -pl ui -am test-compile
 * java -cp "$(cat ui/target/bench.cp):ui/target/classes:ui/target/test-classes" io.loopscope.ui.bench.WorkbenchBenchmark [MODEL_DIR]
 * </pre>
 * Without MODEL_DIR it uses the embedded model when one is shipped, else the huginn-tiny fixture.
 */
public final class WorkbenchBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ModelRef model = args.length > 0 ? ModelRef.folder(Path.of(args[0])) : defaultModel();
        HuginnModelLoader loader = new HuginnModelLoader(WorkbenchBenchmark::embedded, "bench");
        RunPipeline pipeline = new RunPipeline(loader, new AnalysisAdapter());
        String prompt = loader.load(model).hasTokenizer() ? "a>c c>f f>b x>q a>>> 4+7+1+9=xyz" : ids(32); // 32 characters = 32 tokens
        System.out.println("model: " + model.displayName() + " — " + loader.load(model).description());
        int repeats = 7;
        double[] trace = new double[repeats], analysis = new double[repeats], views = new double[repeats], charts = new double[repeats],
                draw = new double[repeats], total = new double[repeats];
        int tokens = 0;
        for (int i = 0; i < repeats + 2; i++) {
            long t0 = System.nanoTime();
            RunResult r = pipeline.run(new RunSpec(model, prompt, 64, RunSpec.InitMode.RANDOM, i, 5), (m, f) -> { }, () -> false);
            long t1 = System.nanoTime();
            WorkbenchViewModel vm = new WorkbenchViewModel();
            vm.resultProperty().set(r);                                  // every child view model rebuilds
            vm.trajectories().paperPanelsProperty().set(true);           // and the three paper planes
            long t2 = System.nanoTime();
            ChartStyle style = ChartStyle.of(false);
            for (PlaneData p : vm.trajectories().planes()) new TrajectoryChart(style).setData(p, r.iterations());
            HeatmapChart heat = new HeatmapChart(style);
            heat.setGrid(vm.heatmap().grid());
            MetricsChart metrics = new MetricsChart(style);
            metrics.setData(vm.metrics().data());
            long t3 = System.nanoTime();
            heat.chart().createBufferedImage(1000, 600);                 // what a first paint costs, off screen
            metrics.chart().createBufferedImage(1000, 600);
            long t4 = System.nanoTime();
            tokens = r.tokens();
            if (i >= 2) {
                int k = i - 2;
                trace[k] = r.traceMs();
                analysis[k] = r.analysisMs();
                views[k] = (t2 - t1) / 1e6;
                charts[k] = (t3 - t2) / 1e6;
                draw[k] = (t4 - t3) / 1e6;
                total[k] = (t3 - t0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "%d tokens × 64 iterations, medians of %d: model %.1f ms, analysis %.1f ms, view models %.1f ms, "
                        + "chart datasets %.1f ms → prompt to every view updated %.1f ms (+ first off-screen paint of heatmap and metrics %.1f ms)%n",
                tokens, repeats, median(trace), median(analysis), median(views), median(charts), median(total), median(draw));
        // the fixture's context is 64 tokens: the animation case runs on a synthetic trace (same chart work)
        animation(new RunPipeline(ref -> new io.loopscope.ui.testing.FakeModel(0), new AnalysisAdapter()), ModelRef.embeddedModel(), true);
    }

    /** One animation frame = showUpTo + a full repaint of a 900×700 chart, at 100 tokens × 128 steps all selected. */
    private static void animation(RunPipeline pipeline, ModelRef model, boolean text) throws Exception {
        String prompt = text ? "a".repeat(100) : ids(100);
        RunResult r = pipeline.run(new RunSpec(model, prompt, 128, RunSpec.InitMode.RANDOM, 0, 5), (m, f) -> { }, () -> false);
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.resultProperty().set(r);
        vm.selection().click(0, false, false);
        vm.selection().click(r.tokens() - 1, false, true);
        TrajectoryChart chart = new TrajectoryChart(ChartStyle.of(false));
        chart.setData(vm.trajectories().planes().getFirst(), 0);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(900, 700, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        double[] frame = new double[r.iterations()];
        for (int s = 1; s <= r.iterations(); s++) {
            long t0 = System.nanoTime();
            chart.showUpTo(s);
            java.awt.Graphics2D g = img.createGraphics();
            chart.chart().draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, 900, 700));
            g.dispose();
            frame[s - 1] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = frame.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "animation, %d tokens × %d steps selected: frame (update + full Java2D repaint) median %.1f ms, p90 %.1f ms, max %.1f ms%n",
                r.tokens(), r.iterations(), median(frame), sorted[(int) (0.9 * sorted.length)], sorted[sorted.length - 1]);
    }

    private static ModelRef defaultModel() {
        Path e = embedded();
        return e != null ? ModelRef.embeddedModel() : ModelRef.folder(Fixtures.huginnTiny().resolve("f32"));
    }

    /** The shipped model when this build carries one. */
    static Path embedded() {
        try {
            return io.loopscope.inference.EmbeddedModel.available() ? io.loopscope.inference.EmbeddedModel.directory() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String ids(int n) {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < n; i++) j.add(String.valueOf(1 + (i * 37) % 250));
        return j.toString();
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
