package io.loopscope.inference.train;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.SlrConfig;
import io.loopscope.inference.tasks.Tasks;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that determines a training run: with the same options a run is repeatable step for
 * step (the data, r and s0 of step t come from a generator seeded by (seed, t)).
 *
 * @param tasks          task names, trained round-robin (one task per batch, so each batch pads to its own length)
 * @param steps          total optimizer steps
 * @param seed           seeds the initial weights and every step's data
 * @param batch          examples per step
 * @param lr             peak learning rate (linear warm-up, then cosine decay to lr/10)
 * @param warmup         warm-up steps
 * @param meanRecurrence r̄ of Huginn's Poisson-lognormal recurrence sampling
 * @param sigma          σ of that sampling
 * @param recurrenceRamp steps over which r̄ rises linearly from 1 to meanRecurrence (0: none) — a
 *                       depth curriculum, as in McLeish et al. 2025 (retrofitted recurrence), so early
 *                       steps are shallow and cheap while the model learns what the tasks ask
 * @param backpropDepth  k: gradients flow through the last k iterations only
 * @param maxRecurrence  cap on a sampled r
 * @param checkpointEvery steps between checkpoints
 * @param hidden         model width H
 * @param heads          attention heads
 * @param intermediate   MLP width
 * @param prelude        prelude blocks
 * @param core           blocks in the recurrent core
 * @param coda           coda blocks
 * @param blockSize      longest prompt (characters)
 * @param taskWeights    per task, a factor on its share of steps (missing tasks: 1) — a task whose
 *                       skill composes slowly (hops) can be given more steps without starving the others
 * @param slr            the SLR stabilisers the model has ({@link SlrConfig#NONE}: plain Huginn); stored as
 *                       config.json's "slr" object
 */
public record TrainOptions(
        List<String> tasks, int steps, long seed, int batch, double lr, int warmup,
        double meanRecurrence, double sigma, int recurrenceRamp, int backpropDepth, int maxRecurrence, int checkpointEvery,
        int hidden, int heads, int intermediate, int prelude, int core, int coda, int blockSize,
        Map<String, Double> taskWeights, SlrConfig slr) {

    /** Options for a plain Huginn model. */
    public TrainOptions(List<String> tasks, int steps, long seed, int batch, double lr, int warmup, double meanRecurrence, double sigma,
                        int recurrenceRamp, int backpropDepth, int maxRecurrence, int checkpointEvery, int hidden, int heads, int intermediate,
                        int prelude, int core, int coda, int blockSize, Map<String, Double> taskWeights) {
        this(tasks, steps, seed, batch, lr, warmup, meanRecurrence, sigma, recurrenceRamp, backpropDepth, maxRecurrence, checkpointEvery,
                hidden, heads, intermediate, prelude, core, coda, blockSize, taskWeights, SlrConfig.NONE);
    }

    public TrainOptions {
        slr = slr == null ? SlrConfig.NONE : slr; // null: a checkpoint from before the stabilisers
        tasks = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
        if (tasks.isEmpty()) throw new IllegalArgumentException("at least one task is needed; valid tasks: " + String.join(", ", Tasks.names()));
        tasks.forEach(Tasks::byName); // unknown names fail here, listing the valid ones
        taskWeights = taskWeights == null ? Map.of() : validWeights(tasks, taskWeights); // null: a checkpoint from before weights
        positive("steps", steps);
        positive("batch", batch);
        positive("backprop depth", backpropDepth);
        positive("max recurrence", maxRecurrence);
        positive("checkpoint interval", checkpointEvery);
        positive("hidden", hidden);
        positive("heads", heads);
        positive("intermediate", intermediate);
        positive("core blocks", core);
        positive("block size", blockSize);
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        if (recurrenceRamp < 0) throw new IllegalArgumentException("recurrence ramp must be >= 0, got " + recurrenceRamp);
        if (warmup < 0) throw new IllegalArgumentException("warm-up must be >= 0, got " + warmup);
        if (!(meanRecurrence >= 1)) throw new IllegalArgumentException("mean recurrence must be >= 1, got " + meanRecurrence);
    }

    private static Map<String, Double> validWeights(List<String> tasks, Map<String, Double> weights) {
        for (var w : weights.entrySet()) {
            if (!tasks.contains(w.getKey())) {
                throw new IllegalArgumentException("task weight for '" + w.getKey() + "', which this run does not train; it trains "
                        + String.join(", ", tasks));
            }
            double v = Objects.requireNonNull(w.getValue(), "weight of " + w.getKey());
            if (!(v > 0 && v <= 1000)) {
                throw new IllegalArgumentException("task weight of " + w.getKey() + " must be in (0, 1000], got " + v);
            }
        }
        return Collections.unmodifiableMap(new TreeMap<>(weights)); // sorted: the log and checkpoint list them the same way every time
    }

    private static void positive(String what, long value) {
        if (value <= 0) throw new IllegalArgumentException(what + " must be > 0, got " + value);
    }

    /** {@code train}'s defaults for the given tasks, steps and seed (the shipped model adds --hidden 96 --task-weight hops=4). */
    /** The defaults, each by name; the shipped model's command line adds --hidden 96 and a hops weight (README). */
    public static TrainOptions defaults(List<String> tasks, int steps, long seed) {
        int batch = 32, warmup = 200, meanRecurrence = 8, recurrenceRamp = 0, backpropDepth = 4, maxRecurrence = 32;
        double lr = 2e-3, sigma = 0.5;
        int checkpointEvery = 250;
        int hidden = 128, heads = 4, intermediate = 352, prelude = 1, core = 2, coda = 1, blockSize = 64;
        return new TrainOptions(tasks, steps, seed, batch, lr, warmup, meanRecurrence, sigma, recurrenceRamp, backpropDepth,
                maxRecurrence, checkpointEvery, hidden, heads, intermediate, prelude, core, coda, blockSize, Map.of());
    }

    public TrainOptions withSteps(int newSteps) {
        return new TrainOptions(tasks, newSteps, seed, batch, lr, warmup, meanRecurrence, sigma, recurrenceRamp, backpropDepth,
                maxRecurrence, checkpointEvery, hidden, heads, intermediate, prelude, core, coda, blockSize, taskWeights, slr);
    }

    public TrainOptions withTaskWeights(Map<String, Double> weights) {
        return new TrainOptions(tasks, steps, seed, batch, lr, warmup, meanRecurrence, sigma, recurrenceRamp, backpropDepth,
                maxRecurrence, checkpointEvery, hidden, heads, intermediate, prelude, core, coda, blockSize, weights, slr);
    }

    public TrainOptions withSlr(SlrConfig stabilisers) {
        return new TrainOptions(tasks, steps, seed, batch, lr, warmup, meanRecurrence, sigma, recurrenceRamp, backpropDepth,
                maxRecurrence, checkpointEvery, hidden, heads, intermediate, prelude, core, coda, blockSize, taskWeights, stabilisers);
    }

    /** The Huginn config (with the stabilisers) of the model these options train. */
    public HuginnConfig config(int vocab) {
        return new HuginnConfig(hidden, heads, heads, intermediate, vocab, prelude, core, coda, 1e-6, 50000.0,
                blockSize, true, true, (int) Math.round(meanRecurrence), slr);
    }

    /** Learning rate at step t (1-based): linear warm-up, then cosine from lr down to lr/10. */
    public double learningRate(long t) {
        if (t <= warmup) return lr * t / Math.max(1, warmup);
        double progress = (t - warmup) / (double) Math.max(1, steps - warmup);
        return lr * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))));
    }

    /** The mean recurrence r̄ at step t (1-based): ramps from 1 to meanRecurrence over recurrenceRamp steps. */
    public double meanRecurrenceAt(long t) {
        if (recurrenceRamp == 0 || t >= recurrenceRamp) return meanRecurrence;
        return 1 + (meanRecurrence - 1) * t / (double) recurrenceRamp;
    }

    /** A description of the architecture, to compare a resumed checkpoint against. */
    public String architecture() {
        return "hidden=" + hidden + " heads=" + heads + " intermediate=" + intermediate + " prelude/core/coda="
                + prelude + "/" + core + "/" + coda + " block_size=" + blockSize;
    }
}
