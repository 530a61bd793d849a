package io.loopscope.inference.tasks;

import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        int[] rs = recurrences.clone();
        Arrays.sort(rs);
        if (rs[0] < 0) throw new IllegalArgumentException("recurrences must be >= 0");
        Map<String, EvalReport.TaskScores> out = new LinkedHashMap<>();
        for (Task task : tasks) {
            double[] in = accuracy(Tasks.examples(task, task.training(), samples, EVAL_SEED), rs, progress);
            double[] hard = accuracy(Tasks.examples(task, task.harder(), samples, EVAL_SEED + 1), rs, progress);
            out.put(task.name(), new EvalReport.TaskScores(task.training(), task.harder(), in, hard));
        }
        return new EvalReport(rs, samples, out);
    }

    /** Fraction of examples answered correctly (every answer character the argmax), per r. */
    double[] accuracy(List<Example> examples, int[] rs, IntConsumer progress) {
        // Examples are independent and the engine keeps no state between calls, so they run in
        // parallel (one per core); each example's s0 seed depends only on its index.
        java.util.concurrent.atomic.AtomicIntegerArray right = new java.util.concurrent.atomic.AtomicIntegerArray(rs.length);
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        java.util.stream.IntStream.range(0, examples.size()).parallel().forEach(n -> {
            boolean[] correct = answers(examples.get(n), rs, EVAL_SEED + n);
            // The engine's intermediates live in its workspace, but each example still leaves its
            // per-iteration states: native arrays freed only when their small Java handles are
            // collected. The heap hardly grows, so collect on purpose: a 600-example eval peaked at
            // 2.6 GB without this and at 0.6 GB with it.
            if (finished.incrementAndGet() % GC_EVERY == 0) System.gc();
            for (int i = 0; i < rs.length; i++) if (correct[i]) right.incrementAndGet(i);
            synchronized (progress) {
                progress.accept(1);
            }
        });
        double[] acc = new double[rs.length];
        for (int i = 0; i < rs.length; i++) acc[i] = right.get(i) / (double) examples.size();
        return acc;
    }

    /**
     * For one example: is the answer right at each r in rs (ascending)? Every answer character must be
     * the argmax after the prompt and the answer characters before it — with causal attention that is
     * exactly whether greedy decoding writes the whole answer. s0 is like-init from stateSeed.
     */
    public boolean[] answers(Example example, int[] rs, long stateSeed) {
        long[] ids = tokenizer.encode(example.teacherForcedInput());
        long[] answer = tokenizer.encode(example.answer());
        if (answer.length != example.answer().length()) throw new IllegalStateException("answer \"" + example.answer() + "\" is not one token per character");
        INDArray e = model.embed(ids);
        INDArray s0 = model.initialState(new StateInit.Random(stateSeed), ids.length);
        boolean[] correct = new boolean[rs.length];
        int first = ids.length - answer.length;                                  // the prompt's last position
        model.recur(s0, e, rs[rs.length - 1], (step, state) -> {
            for (int i = 0; i < rs.length; i++) {
                if (rs[i] == step) {
                    correct[i] = answersAt(model.decode(state), first, answer);
                }
            }
        });
        return correct;
    }

    /** Whether logits [S, V] have answer[a] as the argmax at position first + a, for every a. */
    static boolean answersAt(INDArray logits, int first, long[] answer) {
        for (int a = 0; a < answer.length; a++) {
            if (logits.getRow(first + a).argMax().getLong(0) != answer[a]) return false;
        }
        return true;
    }
}
