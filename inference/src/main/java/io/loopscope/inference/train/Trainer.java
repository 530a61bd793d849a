package io.loopscope.inference.train;

import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.HuginnLayout;
import io.loopscope.inference.checkpoint.RandomWeights;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains a Huginn-format looped model (with SLR's stabilisers when the options name them) on the
 * synthetic tasks with Huginn's recipe: per step r ~ Poisson-lognormal(r̄), s0 ~ like-init, the first
 * r − k iterations without gradient, the last k with it (the stabilisers' parameters of those k steps
 * get theirs), Adam, cross-entropy on the answer characters (and hop prefixes, see {@link Batch}). Which task a step trains and how hard its
 * examples are is the {@link Curriculum}'s choice.
 */
public final class Trainer {

    /** What a caller (the CLI's progress bar) hears about. */
    public interface Listener {
        void onStep(long step, long totalSteps, double loss, double accuracy, int recurrence, double examplesPerSecond);

        default void onCheckpoint(long step, Path dir) {
        }
    }

    private final TrainOptions options;
    private final Path out;
    private final CharVocab vocab = CharVocab.standard();
    private final HuginnConfig config;
    private final Curriculum curriculum;
    private final RecurrenceSampler sampler;
    private final Map<String, INDArray> params;
    private final Adam adam = new Adam(0.9, 0.98, 1e-8, 1.0);
    /** Every step splits its batch in SHARDS equal shares, whatever the machine, so a seed gives the same run everywhere. */
    static final int SHARDS = 2;
    private final List<TrainShard> shards = new ArrayList<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(SHARDS, runnable -> {
        Thread thread = new Thread(runnable, "train-shard");
        thread.setDaemon(true);
        return thread;
    });
    private long step;
    private double elapsedBefore;

    /**
     * @param resume continue from OUT's newest checkpoint (its architecture, tasks and seed must match
     *               options, and its task weights unless options has none; only the step count may change)
     */
    public Trainer(TrainOptions options, Path out, boolean resume) throws IOException {
        this.out = out;
        var latest = TrainCheckpoint.latest(out);
        if (resume) {
            if (latest.isEmpty()) throw new IllegalArgumentException("--resume: " + out + " holds no training checkpoint (" + out.resolve(TrainCheckpoint.CHECKPOINTS) + ")");
            TrainCheckpoint.Loaded saved = TrainCheckpoint.load(latest.get());
            requireCompatible(saved.options(), options, latest.get());
            this.options = saved.options().withSteps(options.steps());
            this.config = this.options.config(vocab.size());
            this.params = saved.params();
            adam.restore(saved.optimizer(), saved.step());
            this.step = saved.step();
            this.elapsedBefore = saved.elapsedSeconds();
            this.curriculum = new Curriculum(this.options.tasks().stream().map(Tasks::byName).toList(), this.options.taskWeights());
            curriculum.restore(saved.curriculum());
        } else {
            if (latest.isPresent()) {
                throw new IllegalArgumentException(out + " already holds training checkpoints (newest " + latest.get().getFileName()
                        + "); pass --resume to continue, or choose another --out");
            }
            this.options = options;
            this.config = options.config(vocab.size());
            this.params = new LinkedHashMap<>();
            HuginnLayout.flatten(config, RandomWeights.create(config, options.seed()))
                    .forEach((name, arr) -> params.put(name, arr.dup('c')));
            this.curriculum = new Curriculum(this.options.tasks().stream().map(Tasks::byName).toList(), this.options.taskWeights());
        }
        if (this.options.batch() % SHARDS != 0) throw new IllegalArgumentException("batch must be a multiple of " + SHARDS + ", got " + this.options.batch());
        for (int i = 0; i < SHARDS; i++) shards.add(new TrainShard(config, params, this.options.batch() / SHARDS));
        this.sampler = new RecurrenceSampler(this.options.meanRecurrence(), this.options.sigma(), this.options.maxRecurrence());
    }

    private static void requireCompatible(TrainOptions saved, TrainOptions asked, Path where) {
        if (!saved.architecture().equals(asked.architecture())) {
            throw new IllegalArgumentException("cannot resume: " + where + " holds a model with " + saved.architecture()
                    + ", but this run asks for " + asked.architecture());
        }
        if (!saved.tasks().equals(asked.tasks()) || saved.seed() != asked.seed()) {
            throw new IllegalArgumentException("cannot resume: " + where + " was trained on tasks " + saved.tasks() + " with seed "
                    + saved.seed() + ", but this run asks for tasks " + asked.tasks() + " with seed " + asked.seed());
        }
        // no stabilisers asked for: keep the saved ones (they are the model's architecture, so they cannot change)
        if (asked.slr().any() && !asked.slr().equals(saved.slr())) {
            throw new IllegalArgumentException("cannot resume: " + where + " holds a model with stabilisers " + saved.slr().describe()
                    + ", but this run asks for " + asked.slr().describe() + "; a resumed run keeps its stabilisers, so leave their options out");
        }
        // no weights asked for: keep the saved ones, so `--resume --steps N` continues any run
        if (!asked.taskWeights().isEmpty() && !asked.taskWeights().equals(saved.taskWeights())) {
            throw new IllegalArgumentException("cannot resume: " + where + " was trained with task weights "
                    + (saved.taskWeights().isEmpty() ? "none" : saved.taskWeights()) + ", but this run asks for " + asked.taskWeights()
                    + "; a resumed run keeps its weights, so leave --task-weight out");
        }
    }

    public TrainOptions options() {
        return options;
    }

    public HuginnConfig config() {
        return config;
    }

    public long step() {
        return step;
    }

    /** Per task: the hardest difficulty opened so far and the running accuracy, for the log. */
    public String curriculumSummary() {
        return curriculum.summary();
    }

    /** Trains until options.steps(), checkpointing every options.checkpointEvery() steps and at the end. */
    public void run(Listener listener) throws IOException {
        Files.createDirectories(out);
        long started = System.nanoTime();
        while (step < options.steps()) {
            long t0 = System.nanoTime();
            step++;
            StepResult result = trainStep(step);
            // SameDiff's intermediate arrays (~0.5 GB a step) live off-heap and are freed only when
            // their Java handles are collected; the heap barely grows, so collect on purpose.
            if (step % 4 == 0) System.gc();
            double seconds = (System.nanoTime() - t0) / 1e9;
            listener.onStep(step, options.steps(), result.loss, result.accuracy, result.recurrence, options.batch() / seconds);
            if (step % options.checkpointEvery() == 0 || step == options.steps()) {
                double elapsed = elapsedBefore + (System.nanoTime() - started) / 1e9;
                TrainCheckpoint.save(out, options, config, params, adam, step, vocab, elapsed, curriculum.toJson());
                listener.onCheckpoint(step, out);
            }
        }
    }

    private record StepResult(double loss, double accuracy, int recurrence) {
    }

    /** One optimizer step; everything random in it comes from a generator seeded by (seed, t). */
    StepResult trainStep(long t) {
        SplittableRandom rng = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + t);
        int task = curriculum.pickTask(rng);
        List<Example> examples = new ArrayList<>(options.batch());
        for (int i = 0; i < options.batch(); i++) examples.add(curriculum.sample(task, rng));
        int seqLen = Math.min(config.blockSize(), Batch.bucket(Batch.maxLength(examples)));
        int r = sampler.sample(rng, options.meanRecurrenceAt(t));
        int k = options.backpropDepth();
        INDArray states = likeInit(rng, options.batch() * seqLen, config.hidden());    // s0 [N, H]
        // The shares run on their own threads (one core each, see README on OMP_NUM_THREADS); their
        // sums are combined in a fixed order, so the step does not depend on which finishes first.
        int rows = options.batch() / SHARDS;
        List<Future<TrainShard.Result>> pending = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            List<Example> share = examples.subList(i * rows, (i + 1) * rows);
            INDArray s0 = states.get(NDArrayIndex.interval((long) i * rows * seqLen, (long) (i + 1) * rows * seqLen), NDArrayIndex.all()).dup('c');
            TrainShard shard = shards.get(i);
            pending.add(workers.submit(() -> shard.run(share, vocab, seqLen, s0, r, k)));
        }
        List<TrainShard.Result> results = new ArrayList<>();
        for (Future<TrainShard.Result> f : pending) results.add(join(f));
        double lossSum = 0;
        int supervised = 0, right = 0;
        Map<String, INDArray> grads = results.getFirst().gradientSums();
        for (int i = 0; i < results.size(); i++) {
            TrainShard.Result res = results.get(i);
            lossSum += res.lossSum();
            supervised += res.supervised();
            right += res.rightRows();
            if (i > 0) res.gradientSums().forEach((name, g) -> grads.get(name).addi(g));
        }
        int count = supervised;
        grads.values().forEach(g -> g.divi(count));                                    // mean over supervised positions
        double accuracy = right / (double) options.batch();
        curriculum.record(task, accuracy);
        adam.step(params, grads, options.learningRate(t));
        // Free native memory now rather than when the (nearly idle) Java heap next collects:
        // without this a run grew past 20 GB of off-heap arrays within minutes.
        results.forEach(res -> res.gradientSums().values().forEach(INDArray::close));
        return new StepResult(lossSum / count, accuracy, r);
    }

    private static TrainShard.Result join(Future<TrainShard.Result> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Huginn's like-init: √H · truncated normal(0, √(2/(5H))) cut at ±3σ.  → [rows, H]. */
    static INDArray likeInit(SplittableRandom rng, int rows, int hidden) {
        return Nd4j.create(StateInit.likeInitFrom(rng, rows, hidden), new long[] {rows, hidden}, 'c');
    }
}
