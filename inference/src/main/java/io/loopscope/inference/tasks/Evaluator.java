package io.loopscope.inference.tasks;

import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures how accuracy depends on the number of loop iterations, with the inference engine itself
 * (the same forward every other command uses). One recurrence of max(r) steps per example serves
 * every r, because s_i does not depend on how many iterations follow it.
 */
public final class Evaluator {
    /** The r values the issue asks for. */
    public static final int[] RECURRENCES = {1, 2, 4, 8, 16, 32, 64};
    /** Seeds the evaluation sets: a different stream from any training step's. */
    public static final long EVAL_SEED = 0x5EED_E7A1L;
    private static final int GC_EVERY = 16;

    private final LoopedModel model;
    private final Tokenizer tokenizer;

    public Evaluator(LoopedModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /**
     * @param samples  examples per task and range
     * @param progress told once per example evaluated (for a progress bar)
     */
    public EvalReport evaluate(List<Task> tasks, int samples, int[] recurrences, IntConsumer progress) {
        return evaluate(tasks, samples, recurrences, progress, () -> false);
    }

    /**
     * As {@link #evaluate(List, int, int[], IntConsumer)}, polling cancelled before each example.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public EvalReport evaluate(List<Task> tasks, int samples, int[] recurrences, IntConsumer progress, BooleanSupplier cancelled) {
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        int[] rs = recurrences.clone();
        Arrays.sort(rs);
        if (rs[0] < 0) throw new IllegalArgumentException("recurrences must be >= 0");
        Map<String, EvalReport.TaskScores> out = new LinkedHashMap<>();
        for (Task task : tasks) {
            double[][] in = accuracy(Tasks.examples(task, task.training(), samples, EVAL_SEED), rs, progress, cancelled);
            double[][] hard = accuracy(Tasks.examples(task, task.harder(), samples, EVAL_SEED + 1), rs, progress, cancelled);
            out.put(task.name(), new EvalReport.TaskScores(task.training(), task.harder(), in[0], hard[0], in[1], hard[1]));
        }
        return new EvalReport(rs, samples, out);
    }

    /**
     * Per r: the fraction of examples answered correctly (every answer character the argmax), and
     * the fraction answered correctly and then ended (empty when the tokenizer has no end marker).
     */
    double[][] accuracy(List<Example> examples, int[] rs, IntConsumer progress) {
        return accuracy(examples, rs, progress, () -> false);
    }

    private double[][] accuracy(List<Example> examples, int[] rs, IntConsumer progress, BooleanSupplier cancelled) {
        // Examples are independent and the engine keeps no state between calls, so they run in
        // parallel (one per core); each example's s0 seed depends only on its index.
        java.util.concurrent.atomic.AtomicIntegerArray right = new java.util.concurrent.atomic.AtomicIntegerArray(rs.length);
        java.util.concurrent.atomic.AtomicIntegerArray ended = new java.util.concurrent.atomic.AtomicIntegerArray(rs.length);
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.IntStream.range(0, examples.size()).parallel().forEach(n -> {
            if (cancelled.getAsBoolean()) throw new java.util.concurrent.CancellationException("cancelled");
            Outcome outcome = outcome(examples.get(n), rs, EVAL_SEED + n);
            // The engine's intermediates live in its workspace, but each example still leaves its
            // per-iteration states: native arrays freed only when their small Java handles are
            // collected. The heap hardly grows, so collect on purpose: a 600-example eval peaked at
            // 2.6 GB without this and at 0.6 GB with it.
            if (finished.incrementAndGet() % GC_EVERY == 0) System.gc();
            for (int i = 0; i < rs.length; i++) {
                if (outcome.answered()[i]) right.incrementAndGet(i);
                if (outcome.ended()[i]) ended.incrementAndGet(i);
            }
            synchronized (progress) {
                progress.accept(1);
            }
        });
        boolean hasEnd = !tokenizer.endTokenIds().isEmpty();
        double[] acc = new double[rs.length], end = new double[hasEnd ? rs.length : 0];
        for (int i = 0; i < rs.length; i++) acc[i] = right.get(i) / (double) examples.size();
        for (int i = 0; i < end.length; i++) end[i] = ended.get(i) / (double) examples.size();
        return new double[][] {acc, end};
    }

    /**
     * One example's result at each r of an ascending list.
     *
     * @param answered every answer character is the argmax after the prompt and the answer characters
     *                 before it — with causal attention exactly whether greedy decoding writes the answer
     * @param ended    answered, and the argmax after the whole answer is one of the tokenizer's end
     *                 markers: greedy generation writes the answer and stops (all false without markers)
     */
    public record Outcome(boolean[] answered, boolean[] ended) {
    }

    /** Whether the answer is right at each r in rs (ascending); s0 is like-init from stateSeed. */
    public boolean[] answers(Example example, int[] rs, long stateSeed) {
        return outcome(example, rs, stateSeed).answered();
    }

    /** The example's {@link Outcome} at each r in rs (ascending); s0 is like-init from stateSeed. */
    public Outcome outcome(Example example, int[] rs, long stateSeed) {
        long[] ids = tokenizer.encode(example.inputWithEnd());
        long[] answer = tokenizer.encode(example.answer());
        if (answer.length != example.answer().length()) throw new IllegalStateException("answer \"" + example.answer() + "\" is not one token per character");
        java.util.Set<Long> ends = tokenizer.endTokenIds();
        INDArray e = model.embed(ids);
        INDArray s0 = model.initialState(new StateInit.Random(stateSeed), ids.length);
        boolean[] answered = new boolean[rs.length], ended = new boolean[rs.length];
        int first = ids.length - 1 - answer.length;                              // the prompt's last position
        model.recur(s0, e, rs[rs.length - 1], (step, state) -> {
            for (int i = 0; i < rs.length; i++) {
                if (rs[i] == step) {
                    INDArray logits = model.decode(state);                        // [S, V]
                    answered[i] = answersAt(logits, first, answer);
                    ended[i] = answered[i] && ends.contains(logits.getRow(ids.length - 1).argMax().getLong(0));
                }
            }
        });
        return new Outcome(answered, ended);
    }

    /** Whether logits [S, V] have answer[a] as the argmax at position first + a, for every a. */
    static boolean answersAt(INDArray logits, int first, long[] answer) {
        for (int a = 0; a < answer.length; a++) {
            if (logits.getRow(first + a).argMax().getLong(0) != answer[a]) return false;
        }
        return true;
    }
}
