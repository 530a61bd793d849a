package io.loopscope.app;

import io.loopscope.analysis.probe.LinearProbe;
import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.io.AtomicFile;
import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.ProbeStates;
import io.loopscope.inference.tasks.ProbeStates.Question;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Task;
import io.loopscope.inference.tasks.Tasks;
import io.loopscope.inference.trace.TraceRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
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

    /** What the probe predicts. */
    enum Label { answer, running, hop, iteration }

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

    @Option(names = "--label", defaultValue = "answer", description = {"answer, running (sum, count: the running total), hop (hops: the letter at a '>' of the query)",
            "or iteration (one probe over every iteration's state at the answer position: how far the loop has run) (default: ${DEFAULT-VALUE})."})
    Label label;

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

    @Option(names = "--json", paramLabel = "OUT", description = "Also write {\"label\", \"classes\", \"chance\", \"iterations\": [{\"iteration\", \"accuracy\", \"control_accuracy\", \"lens_accuracy\"}]}.")
    Path json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (iterations < 0 || iterations > TraceRequest.DEFAULT_MAX_ITERATIONS) {
            throw new IllegalArgumentException("--iterations must be 0.." + TraceRequest.DEFAULT_MAX_ITERATIONS + ", got " + iterations);
        }
        if (samples < 2 * folds) throw new IllegalArgumentException("--samples must be at least twice --folds (" + 2 * folds + "), got " + samples);
        if (folds < 2) throw new IllegalArgumentException("--folds must be at least 2, got " + folds);
        if (position != null && position < 1) throw new IllegalArgumentException("--position counts from 1, got " + position);
        if (json != null) Outputs.requireWritableTarget(json);
        if (label == Label.iteration && iterations < 1) throw new IllegalArgumentException("--label iteration needs --iterations of at least 1");
        List<Question> questions = source.prompts != null ? fromFile(source.prompts) : fromTask();
        if (questions.size() < 2 * folds) throw new IllegalArgumentException(questions.size() + " prompts are too few for " + folds + " folds");
        TreeSet<Character> classes = new TreeSet<>();
        for (Question q : questions) classes.add(q.target());
        if (classes.size() < 2 && label != Label.iteration) {
            throw new IllegalArgumentException("every prompt has the label '" + classes.first() + "': nothing to probe");
        }
        List<Character> order = new ArrayList<>(classes);
        int[] labels = questions.stream().mapToInt(q -> order.indexOf(q.target())).toArray();

        PrintWriter err = spec.commandLine().getErr(), out = spec.commandLine().getOut();
        long fits = label == Label.iteration ? folds : iterations + 1L; // the probe's fits: one per fold, or one per iteration
        ModelHandle handle = modelOption.open(err);
        var tokenizer = handle.tokenizer().orElseThrow(() -> new IllegalArgumentException(
                "model " + handle.directory() + " has no tokenizer.json; probe needs one to encode its prompts"));
        ProbeStates.Collected states;
        ProbeCurve curve;
        try (CtrlC ctrlC = CtrlC.install();
             Progress bar = Progress.start("probe", questions.size() + fits, quiet, err)) {
            long[] done = {0};
            states = ProbeStates.collect(handle.model(), tokenizer, questions, iterations, seed, n -> bar.stepTo(done[0] += n), ctrlC::cancelled);
            if (label == Label.iteration) {
                curve = LinearProbe.fitIteration(states.features(), folds, seed, n -> bar.stepTo(done[0] += n));
            } else {
                double[] lens = new double[iterations + 1];
                for (int i = 0; i <= iterations; i++) lens[i] = states.lensAccuracy(i);
                curve = LinearProbe.fit(label.name(), states.features(), labels, classes.size(), folds, seed, lens, n -> bar.stepTo(done[0] += n));
            }
        }
        out.printf(Locale.ROOT, "%s probe on %d prompts, %d classes (chance %.2f), %d-fold held-out %s:%n", label, questions.size(),
                curve.classes(), curve.chance(), folds, label == Label.iteration ? "recall of each iteration" : "accuracy");
        out.println("| iteration | probe | control | lens |");
        out.println("|---:|---:|---:|---:|");
        for (ProbeCurve.Point p : curve.points()) {
            out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %s |%n", p.iteration(), p.accuracy(), p.controlAccuracy(),
                    Double.isNaN(p.lensAccuracy()) ? "–" : String.format(Locale.ROOT, "%.2f", p.lensAccuracy()));
        }
        if (json != null) {
            AtomicFile.write(json, tmp -> Files.writeString(tmp, curve.toJson()));
            out.println("wrote " + json);
        }
        return 0;
    }

    private List<Question> fromTask() {
        Task task = Tasks.byName(source.task);
        Range range = difficulty == null ? task.training() : Range.parse(difficulty, "--difficulty");
        List<Question> out = new ArrayList<>();
        for (Example e : Tasks.examples(task, range, samples, seed)) {
            switch (label) {
                case answer, iteration -> out.add(new Question(e.prompt(), e.prompt().length() - 1, e.answer().charAt(0)));
                case running, hop -> {
                    Map<Integer, Character> hints = label == Label.running ? task.runningAnswers(e) : task.prefixAnswers(e);
                    if (hints.isEmpty()) {
                        throw new IllegalArgumentException("--label " + label + " needs a task with " + (label == Label.running
                                ? "running totals (sum, count)" : "hops (hops)") + "; " + task.name() + " has none");
                    }
                    List<Map.Entry<Integer, Character>> at = new ArrayList<>(new java.util.TreeMap<>(hints).entrySet());
                    int k = position == null ? at.size() : position;
                    if (k <= at.size()) out.add(new Question(e.prompt(), at.get(k - 1).getKey(), at.get(k - 1).getValue()));
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no prompt of " + task.name() + " " + range + " has a " + label + " number " + position);
        return out;
    }

    private List<Question> fromFile(Path file) throws IOException {
        List<Question> out = new ArrayList<>();
        boolean labelled = label != Label.iteration;
        for (PromptFile.Line line : PromptFile.read(file)) {
            String prompt = line.text("prompt", true), label = line.text("label", labelled);
            if (label == null) label = prompt.substring(prompt.length() - 1); // the iteration probe reads no label; the lens column then goes unused
            if (label.length() != 1) throw new IllegalArgumentException(line.where() + ": \"label\" must be one character, got \"" + label + "\"");
            out.add(new Question(prompt, prompt.length() - 1, label.charAt(0)));
        }
        return out;
    }
}
