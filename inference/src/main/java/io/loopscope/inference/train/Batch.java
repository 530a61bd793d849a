package io.loopscope.inference.train;

import io.loopscope.inference.tasks.Example;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of examples as the graphs want it: prompts right-padded to S (causal attention means the
 * padding after a prompt never influences it), the answer position selected per row, answers one-hot.
 *
 * @param ids     [B, S] int token ids, [PAD] after each prompt
 * @param select  [B, S] one-hot: the prompt's last position, where the answer is predicted
 * @param labels  [B, V] one-hot answer ids
 * @param answers [B] answer ids
 */
record Batch(INDArray ids, INDArray select, INDArray labels, int[] answers, int seqLen) {

    /**
     * Sequence lengths graphs are built for. Few buckets, because each (length, depth) pair is a
     * graph to build (seconds) and to keep (its own array cache).
     */
    static final int[] BUCKETS = {16, 24, 40, 64};

    static int bucket(int length) {
        for (int b : BUCKETS) if (length <= b) return b;
        return length;
    }

    static Batch of(List<Example> examples, CharVocab vocab, int seqLen) {
        int b = examples.size();
        int[][] ids = new int[b][seqLen];
        float[][] select = new float[b][seqLen];
        float[][] labels = new float[b][vocab.size()];
        int[] answers = new int[b];
        for (int i = 0; i < b; i++) {
            Example ex = examples.get(i);
            int[] prompt = vocab.encode(ex.prompt());
            if (prompt.length > seqLen) throw new IllegalArgumentException("prompt of " + prompt.length + " characters exceeds " + seqLen);
            System.arraycopy(prompt, 0, ids[i], 0, prompt.length);
            select[i][prompt.length - 1] = 1;
            answers[i] = vocab.id(ex.answer());
            labels[i][answers[i]] = 1;
        }
        return new Batch(Nd4j.createFromArray(ids), Nd4j.createFromArray(select), Nd4j.createFromArray(labels), answers, seqLen);
    }

    static int maxLength(List<Example> examples) {
        return examples.stream().mapToInt(e -> e.prompt().length()).max().orElse(1);
    }

    /** Fraction of rows whose argmax logit is the answer. logits [B, V]. */
    double accuracy(INDArray logits) {
        INDArray argmax = logits.argMax(1);
        int right = 0;
        for (int i = 0; i < answers.length; i++) if (argmax.getInt(i) == answers[i]) right++;
        return right / (double) answers.length;
    }
}
