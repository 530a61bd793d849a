package io.loopscope.inference.train;

import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.Task;
import io.loopscope.inference.tasks.Tasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of examples as the graphs want it. Each row is the example's teacher-forced input (the
 * prompt, then the whole answer) right-padded to S — causal attention means the padding never
 * influences it. A row has up to P supervised positions: one per answer character, one after the
 * answer where the end marker is due (trained, not scored: the curriculum keeps measuring answers), plus the positions where a prefix of the prompt is a question in its own right
 * ({@link io.loopscope.inference.tasks.Task#prefixAnswers}) or where the task's partial result is
 * defined ({@link io.loopscope.inference.tasks.Task#runningAnswers}).
 *
 * @param ids     [B, S] int token ids, [PAD] after each input
 * @param select  [B, P, S] one-hot: the supervised positions of each row; all-zero rows are unused slots
 * @param labels  [B·P, V] one-hot target ids; all-zero for unused slots (they add nothing to the loss)
 * @param targets [B][P] target id per slot, −1 for an unused slot
 * @param scored  [B][P] whether a slot is an answer character (accuracy counts only those)
 */
record Batch(INDArray ids, INDArray select, INDArray labels, int[][] targets, boolean[][] scored, int seqLen, int positions) {

    /**
     * Sequence lengths graphs are built for. Few buckets, because each (length, depth) pair is a
     * graph to build (seconds) and to keep (its own array cache).
     */
    static final int[] BUCKETS = {16, 24, 40, 64};

    static int bucket(int length) {
        for (int b : BUCKETS) if (length <= b) return b;
        return length;
    }

    /**
     * Supervised slots per row: at least MIN_POSITIONS (every task's training range fits in twenty with its end marker:
     * count's nine running counts and answer, sum's six running totals and answer, a 4-hop chase's
     * seven edge sources, look-ups at up to six edges, three shorter chases and answer, add's three
     * column sums and four answer digits), so one graph serves every task — each extra slot shape is a graph per length and
     * depth, each with its own native array cache; beyond that the count rounds up to a power of two.
     * Unused slots cost only rows of the [B·P, H]·[H, V] head product.
     */
    static final int MIN_POSITIONS = 20;

    static int positionBucket(int count) {
        return count <= MIN_POSITIONS ? MIN_POSITIONS : Integer.highestOneBit(count - 1) << 1;
    }

    private record Target(int position, int id, boolean scored) {
    }

    static Batch of(List<Example> examples, CharVocab vocab, int seqLen) {
        int b = examples.size();
        List<List<Target>> rows = new ArrayList<>(b);
        int[][] ids = new int[b][seqLen];
        for (int i = 0; i < b; i++) {
            Example ex = examples.get(i);
            int[] input = vocab.encode(ex.inputWithEnd());
            if (input.length > seqLen) throw new IllegalArgumentException("input of " + input.length + " characters exceeds " + seqLen + ": " + ex.inputWithEnd());
            System.arraycopy(input, 0, ids[i], 0, input.length);
            List<Target> row = new ArrayList<>();
            Task task = Tasks.byName(ex.task());
            Map<Integer, Character> hints = new TreeMap<>(task.runningAnswers(ex));
            hints.putAll(task.prefixAnswers(ex));
            hints.forEach((position, answer) -> row.add(new Target(position, vocab.id(answer), false)));
            int last = ex.prompt().length() - 1;
            for (int a = 0; a < ex.answer().length(); a++) row.add(new Target(last + a, vocab.id(ex.answer().charAt(a)), true));
            row.add(new Target(last + ex.answer().length(), vocab.endId(), false));
            rows.add(row);
        }
        int p = positionBucket(rows.stream().mapToInt(List::size).max().orElse(1));
        float[][][] select = new float[b][p][seqLen];
        float[][] labels = new float[b * p][vocab.size()];
        int[][] targets = new int[b][p];
        boolean[][] scored = new boolean[b][p];
        for (int i = 0; i < b; i++) {
            java.util.Arrays.fill(targets[i], -1);
            List<Target> row = rows.get(i);
            for (int j = 0; j < row.size(); j++) {
                Target t = row.get(j);
                select[i][j][t.position()] = 1;
                labels[i * p + j][t.id()] = 1;
                targets[i][j] = t.id();
                scored[i][j] = t.scored();
            }
        }
        return new Batch(Nd4j.createFromArray(ids), Nd4j.createFromArray(select), Nd4j.createFromArray(labels), targets, scored, seqLen, p);
    }

    /** Longest input of the examples (the prompt and the whole answer). */
    static int maxLength(List<Example> examples) {
        return examples.stream().mapToInt(e -> e.inputWithEnd().length()).max().orElse(1);
    }

    /** Fraction of rows whose every answer character is the argmax at its position. logits [B·P, V]. */
    double accuracy(INDArray logits) {
        INDArray argmax = logits.argMax(1);
        int right = 0;
        for (int i = 0; i < targets.length; i++) {
            boolean ok = true;
            for (int j = 0; j < positions; j++) {
                if (scored[i][j] && argmax.getInt(i * positions + j) != targets[i][j]) ok = false;
            }
            if (ok) right++;
        }
        return right / (double) targets.length;
    }
}
