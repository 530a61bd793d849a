package io.loopscope.app;

import io.loopscope.analysis.probe.Probe;
import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeLayers;
import io.loopscope.analysis.probe.ProbeSet;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.analysis.probe.ProbeSource;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.io.AtomicFile;
import io.loopscope.inference.tasks.Range;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loopscope probe}: at which iteration a label becomes linearly decodable from the state, against a control task. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Fit a linear probe (logistic regression, cross-validated) on the state at every iteration to predict a label:",
                "the answer, a running total (sum, count), the letter a hop reaches, or the iteration index itself. A control task",
                "(random labels from the same classes) must sit at chance; the lens's own accuracy at the same position is printed",
                "beside it."})
public final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    static final class Source {
        @Option(names = "--task", description = "A task of the suite: sum, add, hops, count, copy.")
        String task;

        @Option(names = "--prompts", paramLabel = "FILE.jsonl", description = {"One {\"prompt\": …, \"label\": \"c\"} per line (the label a single character,",
                "probed at the prompt's last position; --label iteration needs no label)."})
        Path prompts;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--difficulty", paramLabel = "MIN..MAX", description = "Difficulties of the task (default: its training range).")
    String difficulty;

    @Option(names = "--label", defaultValue = "answer", converter = LabelConverter.class, description = {"answer, running (sum, count: the running total), hop (hops: the letter at a '>' of the query)",
            "or iteration (one probe over every iteration's state at the answer position: how far the loop has run) (default: ${DEFAULT-VALUE})."})
    ProbeLabel label;

    @Option(names = "--position", paramLabel = "K", description = "Which running total or hop, counted from 1 (default: the last before the answer).")
    Integer position;

    @Option(names = {"-r", "--iterations"}, defaultValue = "16", description = "Iterations R (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--samples", defaultValue = "200", description = "Prompts from the task (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "0", description = "Seeds the prompts, every s0, the folds and the control labels (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--layers", arity = "0..1", fallbackValue = "all", paramLabel = "J,…",
            description = {"Also fit the probe on the output of every loop layer (Huginn: each core block) at every iteration 1..R,",
                    "or of the listed ones (0-based, as in trace --layers' layer_states); the last layer is the block output."})
    String layers;

    @Option(names = "--json", paramLabel = "OUT", description = {"Also write {\"label\", \"classes\", \"chance\", \"iterations\": [{\"iteration\", \"accuracy\", \"control_accuracy\", \"lens_accuracy\"}]};",
            "with --layers each iteration also has \"layers\": [{\"layer\", \"accuracy\", \"control_accuracy\"}]."})
    Path json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        ProbeSource from = source.prompts != null ? new ProbeSource.FilePrompts(source.prompts)
                : new ProbeSource.TaskPrompts(source.task, difficulty == null ? null : Range.parse(difficulty, "--difficulty"), samples);
        ProbeSettings settings = new ProbeSettings(from, label, position, iterations, folds, seed, ProbeLayers.parse(layers));
        if (json != null) Outputs.requireWritableTarget(json);
        ProbeSet set = ProbeSet.of(settings);

        PrintWriter err = spec.commandLine().getErr(), out = spec.commandLine().getOut();
        ModelHandle handle = modelOption.open(err);
        int probedLayers = Probe.layers(handle.model(), settings).length; // a layer the loop lacks is refused before any prompt runs
        ProbeCurve curve;
        try (CtrlC ctrlC = CtrlC.install();
             Progress bar = Progress.start("probe", settings.work(set.size(), probedLayers), quiet, err)) {
            long[] done = {0};
            curve = Probe.run(handle, settings, set, n -> bar.stepTo(done[0] += n), ctrlC::cancelled);
        }
        boolean iterationProbe = label == ProbeLabel.ITERATION;
        out.printf(Locale.ROOT, "%s probe on %d prompts, %d classes (chance %.2f), %d-fold held-out %s:%n", label, set.size(),
                curve.classes(), curve.chance(), folds, iterationProbe ? "recall of each iteration" : "accuracy");
        out.println("| iteration | probe | control | lens |");
        out.println("|---:|---:|---:|---:|");
        for (ProbeCurve.Point p : curve.points()) {
            out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %s |%n", p.iteration(), p.accuracy(), p.controlAccuracy(),
                    Double.isNaN(p.lensAccuracy()) ? "–" : String.format(Locale.ROOT, "%.2f", p.lensAccuracy()));
        }
        if (curve.hasLayers()) printLayers(out, curve);
        if (json != null) {
            AtomicFile.write(json, tmp -> Files.writeString(tmp, curve.toJson()));
            out.println("wrote " + json);
        }
        return 0;
    }

    /** The layer probes as a table, iteration × layer: accuracy, and the control in brackets. */
    static void printLayers(PrintWriter out, ProbeCurve curve) {
        out.println();
        out.println("per loop layer (probe accuracy, control in brackets; the last layer is the block output):");
        StringBuilder head = new StringBuilder("| iteration |"), rule = new StringBuilder("|---:|");
        for (int j : curve.layers()) {
            head.append(" layer ").append(j).append(" |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        for (ProbeCurve.Point p : curve.points()) {
            if (p.layers().isEmpty()) continue; // s_0 comes out of no layer
            StringBuilder row = new StringBuilder("| " + p.iteration() + " |");
            for (ProbeCurve.LayerPoint l : p.layers()) row.append(String.format(Locale.ROOT, " %.2f (%.2f) |", l.accuracy(), l.controlAccuracy()));
            out.println(row);
        }
    }

    /** --label's values are the labels' ids. */
    static final class LabelConverter implements picocli.CommandLine.ITypeConverter<ProbeLabel> {
        @Override
        public ProbeLabel convert(String value) {
            try {
                return ProbeLabel.byId(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
