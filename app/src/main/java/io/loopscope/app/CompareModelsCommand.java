package io.loopscope.app;

import io.loopscope.analysis.compare.Census;
import io.loopscope.analysis.compare.Comparison;
import io.loopscope.analysis.compare.ComparisonJson;
import io.loopscope.analysis.compare.ComparisonSettings;
import io.loopscope.analysis.compare.ModelComparison;
import io.loopscope.analysis.compare.ModelResult;
import io.loopscope.analysis.motif.Motif;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.ShippedModels;
import io.loopscope.inference.tasks.Tasks;
import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.chart.LogTickFormat;
import io.loopscope.ui.figure.ComparisonFigures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loopscope compare-models}: models side by side — accuracy far past training, motif census, contraction, exit steps. */
@Command(name = "compare-models", mixinStandardHelpOptions = true,
        description = {"Compare models on the task suite: accuracy at r = 1, 2, 4, … up to 8× each model's training mean",
                "recurrence r̄ (in-distribution and harder), and at R = 8·r̄ a motif census of the suite's prompts with the",
                "fixed points' contraction ratios and the KL exit steps (5e-4). One table; --json the full numbers."})
public final class CompareModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--models", split = ",", paramLabel = "NAME|DIR",
            description = "Shipped models (loopscope models lists them) or model folders, comma-separated (default: every shipped model).")
    List<String> models;

    @Option(names = "--samples", defaultValue = "20", description = "Examples per task and range for the accuracy sweep (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--census-samples", defaultValue = "2", description = "Census prompts per difficulty of each task's training and harder ranges (default: ${DEFAULT-VALUE}).")
    int censusSamples;

    @Option(names = "--json", description = "Print the full numbers as JSON instead of the table.")
    boolean json;

    @Mixin
    FigureFilesOption figures;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        ComparisonSettings settings = new ComparisonSettings(samples, censusSamples);
        figures.check();
        Map<String, ModelHandle> handles = open(names(), settings, err);
        long perModel = ModelComparison.work(settings);
        List<ModelResult> results = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        try (CtrlC ctrlC = CtrlC.install(); Progress bar = Progress.start("compare-models", perModel * handles.size(), quiet, err)) {
            for (Map.Entry<String, ModelHandle> e : handles.entrySet()) {
                bar.extra(e.getKey());
                results.add(ModelComparison.run(e.getKey(), e.getValue(), settings, n -> bar.stepTo(done.addAndGet(n)), ctrlC::cancelled));
            }
        }
        Comparison comparison = new Comparison(settings, results);
        if (json) out.println(ComparisonJson.of(comparison));
        else out.print(table(comparison));
        figures.write(ComparisonFigures.build(comparison, ChartStyle.of(false)), json ? err : out);
        out.flush(); // print() does not flush an auto-flushing writer, and main exits right after
        return 0;
    }

    /** --models as given, or every shipped model; an empty entry or a model named twice is an error. */
    private List<String> names() {
        if (models == null) {
            List<String> shipped = ShippedModels.all().stream().map(ShippedModels.Model::name).toList();
            if (shipped.isEmpty()) throw new IllegalArgumentException("this build ships no models; name model folders with --models DIR,DIR");
            return shipped;
        }
        List<String> out = new ArrayList<>();
        for (String m : models) {
            String name = m.strip();
            if (name.isEmpty()) continue;
            if (out.contains(name)) throw new IllegalArgumentException("--models names " + name + " twice");
            out.add(name);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--models names no model; give at least one (shipped: " + ShippedModels.names() + ")");
        return out;
    }

    /**
     * Opens every model before any long work, so a typo or a folder that is not a model fails in a
     * second; each is named as the user named a shipped model, or by its folder.
     */
    private static Map<String, ModelHandle> open(List<String> names, ComparisonSettings settings, PrintWriter err) throws Exception {
        Map<String, ModelHandle> out = new LinkedHashMap<>();
        for (String n : names) {
            ModelHandle h = ModelOption.of(Path.of(n)).open(err);
            String name = h.name();
            if (out.containsKey(name)) throw new IllegalArgumentException("two of --models are both called " + name + "; rename a folder");
            ModelComparison.requireRunnable(name, h, settings);
            out.put(name, h);
        }
        return out;
    }

    /** One row per model: the summary the README shows. */
    static String table(Comparison c) {
        StringBuilder s = new StringBuilder();
        ModelResult first = c.models().getFirst();
        s.append(String.format(Locale.ROOT, "accuracy: mean over the %d tasks, %d examples per task and range; census: %d prompts at R = %d·r̄, "
                + "every position; exit: %s < %s%n", Tasks.all().size(), c.settings().samples(), first.censusPrompts(), ComparisonSettings.FAR,
                ComparisonSettings.EXIT.id(), new LogTickFormat().format(ComparisonSettings.EXIT_THRESHOLD)));
        s.append("| model | family | stabilisers | r̄ | in-dist r̄ | in-dist ").append(ComparisonSettings.FAR).append("r̄ | harder r̄ | harder ")
                .append(ComparisonSettings.FAR).append("r̄ | positions |");
        for (Motif m : Motif.values()) s.append(' ').append(m.id()).append(" |");
        s.append(" median contraction (q1–q3) | mean KL exit step | never exit |\n");
        s.append("|---|---|---|---:|---:|---:|---:|---:|---:|").append("---:|".repeat(Motif.values().length)).append("---:|---:|---:|\n");
        for (ModelResult m : c.models()) {
            Census census = m.census();
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %d |", m.name(), m.family(),
                    m.stabilisers().isEmpty() ? "–" : String.join(", ", m.stabilisers()), m.meanRecurrence(),
                    m.inDistributionAt(m.meanRecurrence()), m.inDistributionAt(m.farRecurrence()),
                    m.harderAt(m.meanRecurrence()), m.harderAt(m.farRecurrence()), census.positions()));
            for (Motif motif : Motif.values()) s.append(' ').append(census.counts().get(motif)).append(" |");
            s.append(census.contraction() == null ? " – |" : String.format(Locale.ROOT, " %.3f (%.3f–%.3f) |", census.contraction().median(),
                    census.contraction().q1(), census.contraction().q3()));
            s.append(census.exits().mean() == null ? " – |" : String.format(Locale.ROOT, " %.2f |", census.exits().mean()));
            s.append(String.format(Locale.ROOT, " %.1f %% |%n", 100 * census.neverShare()));
        }
        return s.toString();
    }
}
