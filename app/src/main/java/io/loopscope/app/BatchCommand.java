package io.loopscope.app;

import io.loopscope.analysis.PromptFile;
import io.loopscope.analysis.batch.BatchPrompt;
import io.loopscope.analysis.batch.BatchRunner;
import io.loopscope.analysis.batch.BatchSettings;
import io.loopscope.analysis.batch.TaskPrompts;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Tasks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loopscope batch}: every prompt of a file or a task, one summary table, resumable. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Run every prompt of a JSONL file or a task (a pass of R iterations, or generation with per-token exit)",
                "and write OUT/summary.csv: per position its motif, exit step per criterion, steps run, lens answer and",
                "correctness where a label is known. Run again with the same options to resume after an interrupt."})
public final class BatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    static final class Source {
        @Option(names = "--prompts", paramLabel = "FILE.jsonl", description = "One {\"prompt\": …, \"category\": …, \"label\": …} per line (category and label optional).")
        Path prompts;

        @Option(names = "--task", description = "A task of the suite (sum, add, hops, count, copy), or all of them.")
        String task;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--difficulty", paramLabel = "MIN..MAX", description = "Difficulties of the task (default: its training and harder ranges).")
    String difficulty;

    /** How task prompts are grouped into the categories the batch figures compare. */
    enum Group { difficulty, range }

    @Option(names = "--group", paramLabel = "difficulty|range", description = {"Categories of task prompts: one per difficulty (\"sum 4\"), or one per",
            "range (\"sum\" in-distribution, \"sum harder\") (default: difficulty for one task, range for --task all)."})
    Group group;

    @Option(names = "--samples", defaultValue = "20", description = "Prompts per difficulty of the task (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = {"-r", "--iterations"}, defaultValue = "32", description = "Iterations R (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--exit", defaultValue = "kl", converter = ExitOption.Converter.class, paramLabel = "CRITERION[=THRESHOLD]",
            description = "The exit the batch figures show and generated tokens stop at (default: ${DEFAULT-VALUE}, threshold 5e-4).")
    ExitOption exit;

    @Option(names = "--generate", defaultValue = "0", paramLabel = "N", description = "Generate up to N tokens after each prompt (default: 0, a prompt pass).")
    int generate;

    @Option(names = "--traces", description = "Also keep each prompt's trace as OUT/traces/NNNNN.npz.")
    boolean traces;

    @Option(names = "--seed", defaultValue = "0", description = "s0 of prompt i is like-init from seed + i; also seeds the task's prompts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Prompts run at once (default: the machine's cores).")
    Integer threads;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "The batch folder (created; an existing batch resumes).")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (samples < 1) throw new IllegalArgumentException("--samples must be >= 1, got " + samples);
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (cores < 1 || cores > 256) throw new IllegalArgumentException("--threads must be 1..256, got " + cores);
        BatchSettings settings = new BatchSettings(iterations, exit.criterion().id(), exit.threshold(), generate, seed, traces);
        if (source.prompts != null && group != null) throw new IllegalArgumentException("--group groups task prompts; a prompt file names its own categories");
        List<BatchPrompt> prompts = source.prompts != null ? fromFile(source.prompts) : fromTask();
        PrintWriter err = spec.commandLine().getErr();
        ModelHandle model = modelOption.open(err);
        for (BatchPrompt p : prompts) model.encode(p.prompt());          // a prompt the tokenizer cannot encode fails before any work
        int ran;
        long[] done = {0};
        try (CtrlC ctrlC = CtrlC.install(); Progress bar = Progress.start("batch", prompts.size(), quiet, err)) {
            ran = BatchRunner.run(model, prompts, settings, out, cores, n -> {
                synchronized (done) {
                    bar.stepTo(done[0] += n);
                }
            }, ctrlC::cancelled);
        }
        spec.commandLine().getOut().printf("wrote %s: %d prompts (%d run now, %d resumed)%n", out.resolve(BatchRunner.SUMMARY), prompts.size(), ran,
                prompts.size() - ran);
        return 0;
    }

    private List<BatchPrompt> fromTask() {
        boolean everyTask = source.task.trim().equalsIgnoreCase("all");
        if (everyTask && difficulty != null) throw new IllegalArgumentException("--difficulty needs one task; --task all runs each task's own ranges");
        Group by = group != null ? group : everyTask ? Group.range : Group.difficulty;
        return TaskPrompts.of(everyTask ? Tasks.all() : List.of(Tasks.byName(source.task)),
                difficulty == null ? null : Range.parse(difficulty, "--difficulty"),
                by == Group.difficulty ? TaskPrompts.Grouping.DIFFICULTY : TaskPrompts.Grouping.RANGE, samples, seed);
    }

    private static List<BatchPrompt> fromFile(Path file) throws IOException {
        List<BatchPrompt> out = new ArrayList<>();
        for (PromptFile.Line line : PromptFile.read(file)) {
            String category = line.text("category", false);
            out.add(new BatchPrompt(out.size(), line.text("prompt", true), category == null ? "" : category, line.text("label", false)));
        }
        return out;
    }
}
