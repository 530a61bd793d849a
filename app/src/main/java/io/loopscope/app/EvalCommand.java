package io.loopscope.app;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.tasks.EvalReport;
import io.loopscope.inference.tasks.Evaluator;
import io.loopscope.inference.tasks.Task;
import io.loopscope.inference.tasks.Tasks;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loopscope eval}: accuracy of a model on the synthetic tasks as a function of loop iterations. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on every synthetic task, in-distribution and on a harder held-out range,",
                "at r = 1, 2, 4, 8, 16, 32, 64 loop iterations; print a table and write a PNG plot."})
public final class EvalCommand implements Callable<Integer> {
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b)};

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--tasks", defaultValue = "all", description = "Comma-separated tasks, or all (default: ${DEFAULT-VALUE}).")
    String tasks;

    @Option(names = "--samples", defaultValue = "200", description = "Examples per task and range (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--json", description = "Print {\"tasks\": {TASK: {\"in_distribution\": {\"1\": acc, …}, \"harder\": {…}}}} instead of the table.")
    boolean json;

    @Option(names = "--plot", defaultValue = "eval.png", paramLabel = "FILE.png",
            description = "Where to write the accuracy-vs-r plot (default: ${DEFAULT-VALUE}).")
    Path plot;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<Task> chosen = Tasks.parse(tasks);
        if (samples < 1) throw new IllegalArgumentException("--samples must be >= 1, got " + samples);
        ModelHandle handle = modelOption.open(err);
        var tokenizer = handle.tokenizer().orElseThrow(() -> new IllegalArgumentException(
                "model " + handle.directory() + " has no tokenizer.json; eval needs one to encode the task prompts"));
        Evaluator evaluator = new Evaluator(handle.model(), tokenizer);
        EvalReport report;
        AtomicLong done = new AtomicLong();
        try (Progress bar = Progress.start("eval", 2L * samples * chosen.size(), quiet, err)) {
            report = evaluator.evaluate(chosen, samples, Evaluator.RECURRENCES, n -> bar.stepTo(done.addAndGet(n)));
        }
        writePlot(report, plot, handle.name());
        if (json) {
            out.println(report.toJson());
        } else {
            out.println("model " + handle.directory() + ", " + samples + " examples per task and range, accuracy by loop iterations r:");
            out.print(report.table());
            if (report.hasEnd()) {
                out.println("answered and then ended (the end marker is the argmax after the answer, so generation stops):");
                out.print(report.endTable());
            }
            out.println("plot: " + plot.toAbsolutePath());
        }
        return 0;
    }

    /** Accuracy vs r on a log2 axis: one colour per task, solid in-distribution, dashed harder. Written atomically. */
    static void writePlot(EvalReport report, Path file, String modelName) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        report.tasks().forEach((task, s) -> {
            XYSeries in = new XYSeries(task + " (in-distribution " + s.trainingRange() + ")", false, true);
            XYSeries hard = new XYSeries(task + " (harder " + s.harderRange() + ")", false, true);
            for (int i = 0; i < report.recurrences().length; i++) {
                int r = Math.max(1, report.recurrences()[i]);
                in.add(r, s.inDistribution()[i]);
                hard.add(r, s.harder()[i]);
            }
            data.addSeries(in);
            data.addSeries(hard);
        });
        LogAxis x = new LogAxis("loop iterations r");
        x.setBase(2);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis("accuracy");
        y.setRange(0, 1.02);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, COLOURS[(i / 2) % COLOURS.length]);
            renderer.setSeriesStroke(i, i % 2 == 0 ? new BasicStroke(2.2f)
                    : new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0f));
        }
        XYPlot xy = new XYPlot(data, x, y, renderer);
        xy.setBackgroundPaint(Color.WHITE);
        xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Accuracy vs loop iterations — " + modelName, JFreeChart.DEFAULT_TITLE_FONT, xy, true);
        chart.setBackgroundPaint(Color.WHITE);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".eval-", ".png.partial");
        try {
            ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 1000, 640);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
