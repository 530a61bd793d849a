package io.loopscope.app;

import io.loopscope.inference.tasks.Tasks;
import io.loopscope.inference.train.TrainOptions;
import io.loopscope.inference.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loopscope train}: trains a small Huginn-format looped model (optionally with SLR's stabilisers) on the synthetic task suite. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a small looped (Huginn-format) model on synthetic reasoning tasks with Huginn's recipe",
                "(random recurrence per step, truncated backpropagation, Adam, loss on every answer character).",
                "OUT becomes a model folder (config.json, model.safetensors, tokenizer.json); checkpoints go to OUT/checkpoints."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", defaultValue = "all",
            description = "Comma-separated tasks, or all (default: ${DEFAULT-VALUE}). Valid: sum, add, hops, count, copy.")
    String tasks;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "The run's folder.")
    Path out;

    @Option(names = "--steps", defaultValue = "4000", description = "Optimizer steps in total (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the weights and all data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue from OUT's newest checkpoint (same tasks, seed and architecture).")
    boolean resume;

    @Option(names = "--batch", description = "Examples per step (default: 32).")
    Integer batch;

    @Option(names = "--hidden", description = "Model width H (default: 128; MLP width is 11/4·H).")
    Integer hidden;

    @Option(names = "--mean-recurrence", description = "Mean training recurrence r̄ (default: 8).")
    Double meanRecurrence;

    @Option(names = "--recurrence-ramp", description = "Steps over which the mean recurrence rises from 1 to r̄ (default: 0, none).")
    Integer recurrenceRamp;

    @Option(names = "--lr", description = "Peak learning rate (default: 0.002).")
    Double lr;

    @Option(names = "--backprop-depth", description = "Iterations that get gradients, k (default: 4).")
    Integer backpropDepth;

    @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default: 250).")
    Integer checkpointEvery;

    @Option(names = "--task-weight", paramLabel = "TASK=W",
            description = {"Give TASK W times its share of steps (repeatable, e.g. --task-weight hops=4; default 1 each).",
                    "A resumed run keeps the weights it was started with."})
    Map<String, Double> taskWeights;

    @Mixin
    StabiliserOptions stabilisers;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        MapOptions.requireUniqueKeys(spec, "--task-weight");
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        TrainOptions options = options(Tasks.parse(tasks).stream().map(t -> t.name()).toList());
        Trainer trainer = new Trainer(options, out, resume);
        if (trainer.step() >= trainer.options().steps()) {
            outWriter.println("nothing to do: " + out + " is already at step " + trainer.step() + " of " + trainer.options().steps());
            return 0;
        }
        outWriter.printf(Locale.ROOT, "training %s%s (%,d parameters) on %s%s, steps %d..%d, seed %d%n",
                trainer.options().architecture(), trainer.config().slr().any() ? " with SLR " + trainer.config().slr().describe() : "",
                trainer.config().parameterCount(), trainer.options().tasks(),
                trainer.options().taskWeights().isEmpty() ? "" : " with task weights " + trainer.options().taskWeights(),
                trainer.step() + 1, trainer.options().steps(), trainer.options().seed());
        outWriter.flush();
        long started = System.nanoTime();
        try (Progress bar = Progress.start("train", trainer.options().steps(), trainer.step(), quiet, err)) {
            double[] smoothed = {Double.NaN};
            long[] lastCheckpoint = {trainer.step()};
            try {
                trainer.run(new Trainer.Listener() {
                    @Override
                    public void onStep(long step, long total, double loss, double accuracy, int r, double examplesPerSecond) {
                        smoothed[0] = Double.isNaN(smoothed[0]) ? loss : 0.98 * smoothed[0] + 0.02 * loss;
                        bar.stepTo(step);
                        bar.extra(String.format(Locale.ROOT, "loss %.3f  r %d  %.0f ex/s", smoothed[0], r, examplesPerSecond));
                    }

                    @Override
                    public void onCheckpoint(long step, Path dir) {
                        outWriter.printf(Locale.ROOT, "step %d: loss %.3f, checkpoint saved, %.0f s; %s%n", step, smoothed[0],
                                (System.nanoTime() - started) / 1e9, trainer.curriculumSummary());
                        outWriter.flush();
                        lastCheckpoint[0] = step;
                    }
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                Optional<String> advice = OutOfMemoryAdvice.explain(e, lastCheckpoint[0], out);
                if (advice.isPresent()) throw new IllegalStateException(advice.get(), e);
                throw e;
            }
        }
        outWriter.println("done: model folder " + out.toAbsolutePath());
        return 0;
    }

    private TrainOptions options(List<String> taskNames) {
        TrainOptions d = TrainOptions.defaults(taskNames, steps, seed);
        int h = hidden != null ? hidden : d.hidden();
        return new TrainOptions(d.tasks(), steps, seed, batch != null ? batch : d.batch(), lr != null ? lr : d.lr(), d.warmup(),
                meanRecurrence != null ? meanRecurrence : d.meanRecurrence(), d.sigma(),
                recurrenceRamp != null ? recurrenceRamp : d.recurrenceRamp(),
                backpropDepth != null ? backpropDepth : d.backpropDepth(), d.maxRecurrence(),
                checkpointEvery != null ? checkpointEvery : d.checkpointEvery(),
                h, d.heads(), hidden != null ? h * 11 / 4 : d.intermediate(), d.prelude(), d.core(), d.coda(), d.blockSize(),
                taskWeights != null ? taskWeights : Map.of()).withSlr(stabilisers.toSlr(meanRecurrence != null ? meanRecurrence : d.meanRecurrence()));
    }
}
